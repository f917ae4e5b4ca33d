package org.charybdis.server.testing;

/**
 * The node's coordinator operations, summed over the shards, as its Prometheus endpoint reports them: those run on
 * the shard whose connection received the request, and those sent to another shard.
 */
public record CoordinatorHops(long local, long crossShard) {
    public static final String LOCAL = "charybdis_storage_proxy_coordinator_local_operations_total";
    public static final String CROSS_SHARD = "charybdis_storage_proxy_coordinator_cross_shard_operations_total";

    public static CoordinatorHops scrape(CharybdisServerExtension server) {
        String metrics = PrometheusText.scrape(server);
        return new CoordinatorHops((long) PrometheusText.sum(metrics, LOCAL, ""), (long) PrometheusText.sum(metrics, CROSS_SHARD, ""));
    }

    /** The operations counted since {@code earlier}. */
    public CoordinatorHops since(CoordinatorHops earlier) {
        return new CoordinatorHops(local - earlier.local, crossShard - earlier.crossShard);
    }

    /** The share of the operations that hopped to another shard. */
    public double crossShardShare() {
        long all = local + crossShard;
        return all == 0 ? 0 : (double) crossShard / all;
    }

    @Override
    public String toString() {
        return local + " local, " + crossShard + " cross-shard";
    }
}
