package org.charybdis.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One IO class's figures on one shard's IO queue ({@code charybdis_io_queue_*}, labels {@code shard} and
 * {@code class}), as ScyllaDB's {@code scylla_io_queue_*}: reads (the disk reads a point read costs past the chunk
 * cache; those the page cache answered on the shard are counted too, and apart), requests run, bytes, waiting.
 */
final class IoQueueMetrics {
    private IoQueueMetrics() {}

    static List<Meter> register(MeterRegistry registry, Shard shard, IoClass ioClass) {
        IoQueue io = shard.io();
        Tags tags = Tags.of("shard", Integer.toString(shard.id()), "class", ioClass.label());
        return List.of(
                counter(registry, "charybdis.io.queue.read.ops", io, ioClass, tags, IoQueue.ClassStats::readOps,
                        "Read requests, answered by an IO thread or by the page cache on the shard"),
                counter(registry, "charybdis.io.queue.page.cache.reads", io, ioClass, tags, IoQueue.ClassStats::pageCacheReads,
                        "Of those reads, the ones the page cache answered on the shard without an IO thread"),
                counter(registry, "charybdis.io.queue.operations", io, ioClass, tags, IoQueue.ClassStats::opsCompleted,
                        "Requests an IO thread ran (reads, writes, syncs, file operations)"),
                counter(registry, "charybdis.io.queue.bytes", io, ioClass, tags, IoQueue.ClassStats::bytesCompleted,
                        "Bytes moved by the requests an IO thread ran"),
                counter(registry, "charybdis.io.queue.delay.seconds", io, ioClass, tags, s -> s.queueWaitNanos() / 1e9,
                        "Time requests waited in the queue before an IO thread took them"),
                Gauge.builder("charybdis.io.queue.length", io, q -> q.stats(ioClass).queueLength()).tags(tags)
                        .description("Requests waiting in the queue").register(registry));
    }

    private static Meter counter(MeterRegistry registry, String name, IoQueue io, IoClass ioClass, Tags tags,
                                 ToDoubleFunction<IoQueue.ClassStats> value, String description) {
        return FunctionCounter.builder(name, io, q -> value.applyAsDouble(q.stats(ioClass))).tags(tags).description(description)
                .register(registry);
    }
}
