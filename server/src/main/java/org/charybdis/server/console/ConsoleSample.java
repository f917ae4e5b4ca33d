package org.charybdis.server.console;

import java.util.List;
import java.util.Map;

/**
 * One tick of the live console: what the node did during the last interval, per shard and for the node as a whole.
 * Rendered as JSON with snake_case keys; {@code docs/console.md} describes the shape for its other readers.
 *
 * @param timeMs          when the interval ended, milliseconds since the epoch
 * @param intervalSeconds how long it lasted
 * @param shards          each shard's figures, by shard id
 * @param node            the node's: rates and backlogs summed, utilization the mean over shards
 */
public record ConsoleSample(long timeMs, double intervalSeconds, List<Shard> shards, Shard node) {
    /**
     * @param shard                 the shard's id, or "all" for the node
     * @param io                    by IO class label (commitlog, memtable_flush, query, compaction, maintenance, sl:...)
     * @param groups                by scheduling group name
     * @param memtableFlushBacklog  memtable memory held over the memtable space (null when storage is not up)
     * @param compactionBacklog     bytes compaction owes, in units of the memtable space (null when storage is not up)
     * @param serviceLevels         by service level name
     */
    public record Shard(String shard, Map<String, Io> io, Map<String, Group> groups, Double memtableFlushBacklog,
                        Double compactionBacklog, Map<String, Latency> serviceLevels) {}

    /**
     * One IO class's disk requests over the interval, per second; reads the page cache answered are apart.
     *
     * @param readSequential  share of positioned reads that continued the previous one, null with none
     * @param queueDelayMs    mean time a dispatched request waited in the queue
     * @param queueLength     requests waiting at the end of the interval
     * @param consumption     disk time charged over wall time: 1.0 is the whole disk's capacity
     * @param cachedReadIops  reads the page cache answered on the shard itself, without the disk (not in readIops)
     */
    public record Io(double readIops, double writeIops, double readBandwidth, double writeBandwidth, double readSize,
                     double writeSize, Double readSequential, Double writeSequential, double queueDelayMs, long queueLength,
                     double consumption, double cachedReadIops, double cachedReadBandwidth) {}

    /** @param utilization CPU time of the group's tasks over wall time, on one core (the node's: mean over shards) */
    public record Group(double utilization, long queueLength, int shares) {}

    /** Latency of the requests a service level served during the interval. */
    public record Latency(double requestsPerSecond, double p50Ms, double p99Ms, double maxMs) {}
}
