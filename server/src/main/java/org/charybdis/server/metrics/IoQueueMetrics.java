package org.charybdis.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One IO class's figures on one shard's IO queue ({@code charybdis_io_queue_*}, labels {@code shard} and
 * {@code class}), as ScyllaDB's {@code scylla_io_queue_*}: reads (the disk reads a point read costs past the chunk
 * cache; those the page cache answered on the shard are counted too, and apart), requests run, bytes, waiting; the
 * requests and bytes of each direction, sequential against random, and the disk time consumed.
 */
final class IoQueueMetrics {
    private IoQueueMetrics() {}

    static List<Meter> register(MeterRegistry registry, Shard shard, IoClass ioClass) {
        IoQueue io = shard.io();
        Tags tags = Tags.of("shard", Integer.toString(shard.id()), "class", ioClass.label());
        List<Meter> meters = new ArrayList<>(List.of(
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
                counter(registry, "charybdis.io.queue.consumption.seconds", io, ioClass, tags, s -> s.dispatchedCostNanos() / 1e9,
                        "Disk time the dispatched requests are charged, from the disk's measured capacity"),
                Gauge.builder("charybdis.io.queue.length", io, q -> q.stats(ioClass).queueLength()).tags(tags)
                        .description("Requests waiting in the queue").register(registry)));
        meters.addAll(direction(registry, io, ioClass, tags, "read", IoQueue.ClassStats::reads));
        meters.addAll(direction(registry, io, ioClass, tags, "write", IoQueue.ClassStats::writes));
        return meters;
    }

    /** Requests and bytes of one direction ("read", "write"; writes include syncs and file operations), and their pattern. */
    private static List<Meter> direction(MeterRegistry registry, IoQueue io, IoClass ioClass, Tags tags, String direction,
                                         Function<IoQueue.ClassStats, IoQueue.DirectionStats> of) {
        return List.of(
                counter(registry, "charybdis.io.queue." + direction + ".requests", io, ioClass, tags, s -> of.apply(s).ops(),
                        "The " + direction + " requests an IO thread ran successfully"),
                counter(registry, "charybdis.io.queue." + direction + ".bytes", io, ioClass, tags, s -> of.apply(s).bytes(),
                        "Bytes moved by those requests"),
                counter(registry, "charybdis.io.queue.sequential." + direction + "s", io, ioClass, tags, s -> of.apply(s).sequential(),
                        "The " + direction + " requests starting where the previous one on the same file ended"),
                counter(registry, "charybdis.io.queue.random." + direction + "s", io, ioClass, tags, s -> of.apply(s).random(),
                        "The " + direction + " requests starting elsewhere"));
    }

    private static Meter counter(MeterRegistry registry, String name, IoQueue io, IoClass ioClass, Tags tags,
                                 ToDoubleFunction<IoQueue.ClassStats> value, String description) {
        return FunctionCounter.builder(name, io, q -> value.applyAsDouble(q.stats(ioClass))).tags(tags).description(description)
                .register(registry);
    }
}
