package org.charybdis.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.charybdis.storage.commitlog.CommitLogStats;
import org.charybdis.storage.lsm.LsmEngineFactory;

import java.util.function.ToDoubleFunction;

/**
 * Each shard's commit log ({@code charybdis_commitlog_*}, label {@code shard}), as ScyllaDB's {@code scylla_commitlog_*}:
 * bytes and entries appended, fsync rounds and their time, what waits (bytes not yet written, adds waiting for a
 * segment, writes waiting to be durable), segments live and bytes on disk. Read from the figures each shard's log
 * publishes every second.
 */
final class CommitLogMetrics {
    private CommitLogMetrics() {}

    static void register(MeterRegistry registry, LsmEngineFactory engines, int shards) {
        for (int shard = 0; shard < shards; shard++) {
            int id = shard;
            Tags tags = Tags.of("shard", Integer.toString(id));
            counter(registry, engines, id, tags, "charybdis.commitlog.bytes.written", CommitLogStats::bytesWritten,
                    "Entry bytes (headers and payloads) appended to the commit log");
            counter(registry, engines, id, tags, "charybdis.commitlog.entries.written", CommitLogStats::entriesWritten,
                    "Entries (mutations) appended to the commit log");
            counter(registry, engines, id, tags, "charybdis.commitlog.syncs", CommitLogStats::syncs,
                    "fsync rounds of the commit log's written segments");
            counter(registry, engines, id, tags, "charybdis.commitlog.sync.seconds", s -> s.syncNanos() / 1e9,
                    "Time the fsync rounds took");
            gauge(registry, engines, id, tags, "charybdis.commitlog.pending.bytes", CommitLogStats::pendingBytes,
                    "Entry bytes appended but not yet written to a segment file");
            gauge(registry, engines, id, tags, "charybdis.commitlog.pending.allocations", CommitLogStats::queuedAdds,
                    "Appends waiting for the next segment to be ready");
            gauge(registry, engines, id, tags, "charybdis.commitlog.pending.durable.writes", CommitLogStats::waiters,
                    "Writes waiting for their entry to be as durable as the sync mode promises");
            gauge(registry, engines, id, tags, "charybdis.commitlog.segments", CommitLogStats::segments,
                    "Live segments: the active one and older ones not yet released");
            gauge(registry, engines, id, tags, "charybdis.commitlog.disk.total.bytes", CommitLogStats::bytesOnDisk,
                    "Bytes of every segment file the log owns: live, prepared and pooled for reuse");
        }
    }

    private static void counter(MeterRegistry registry, LsmEngineFactory engines, int shard, Tags tags, String name,
                                ToDoubleFunction<CommitLogStats> value, String description) {
        FunctionCounter.builder(name, engines, e -> value.applyAsDouble(e.commitLogStats(shard))).tags(tags)
                .description(description).register(registry);
    }

    private static void gauge(MeterRegistry registry, LsmEngineFactory engines, int shard, Tags tags, String name,
                              ToDoubleFunction<CommitLogStats> value, String description) {
        Gauge.builder(name, engines, e -> value.applyAsDouble(e.commitLogStats(shard))).tags(tags)
                .description(description).register(registry);
    }
}
