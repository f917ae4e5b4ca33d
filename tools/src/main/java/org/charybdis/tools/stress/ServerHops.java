package org.charybdis.tools.stress;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's partition operations while the workloads ran, from its Prometheus endpoint: those its coordinator ran on
 * the shard whose connection received the request, and those it sent to another shard. A shard-aware driver keeps the
 * second near zero; a driver that is not shard-aware sends about (shards - 1) / shards of them across.
 */
record ServerHops(long localOperations, long crossShardOperations, double crossShardShare) {
    static final String LOCAL = "charybdis_storage_proxy_coordinator_local_operations_total";
    static final String CROSS_SHARD = "charybdis_storage_proxy_coordinator_cross_shard_operations_total";

    static ServerHops of(long local, long crossShard) {
        long all = local + crossShard;
        return new ServerHops(local, crossShard, all == 0 ? 0 : (double) crossShard / all);
    }

    /** The counters of a Prometheus text exposition, summed over the shards. */
    static ServerHops parse(String exposition) {
        return of(sum(exposition, LOCAL), sum(exposition, CROSS_SHARD));
    }

    /** The operations counted since {@code earlier}. */
    ServerHops since(ServerHops earlier) {
        return of(localOperations - earlier.localOperations, crossShardOperations - earlier.crossShardOperations);
    }

    private static long sum(String exposition, String metric) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{[^}]*\\} (\\S+)$").matcher(exposition);
        double total = 0;
        while (m.find()) total += Double.parseDouble(m.group(1));
        return (long) total;
    }
}
