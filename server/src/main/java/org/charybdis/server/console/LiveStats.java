package org.charybdis.server.console;

import io.netty.util.concurrent.EventExecutor;
import org.HdrHistogram.Histogram;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.server.metrics.ServiceLevelMetrics;
import org.charybdis.storage.lsm.BackgroundControllers;
import org.charybdis.storage.lsm.LsmEngineFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The live console's sampler: once a second it reads the raw counters of every shard (IO queues by class, scheduling
 * groups' CPU time, backlog controllers, service levels' latency recorders) and turns the differences into one
 * {@link ConsoleSample}. It runs only while someone watches: a stream subscriber, or a poll of {@link #next} in the
 * last {@link #POLL_KEEPS_RUNNING_NANOS}; otherwise it costs nothing. Everything here runs on one event loop thread
 * (the operator loop), so its state needs no locks.
 */
public final class LiveStats implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveStats.class);
    static final long PERIOD_MILLIS = 1000;
    /** A poller such as {@code charybdis top} asks every second; it keeps the sampler running this long after. */
    private static final long POLL_KEEPS_RUNNING_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** A sample this recent answers a poll at once; an older one is not "live". */
    private static final long FRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS * 3 / 2);

    private final ShardRuntime runtime;
    private final LsmEngineFactory engines;
    private final ServiceLevelMetrics serviceLevels;
    private final EventExecutor loop;

    private final List<Consumer<ConsoleSample>> subscribers = new CopyOnWriteArrayList<>(); // so watchers() reads it anywhere
    private final List<CompletableFuture<ConsoleSample>> polls = new ArrayList<>();
    private ScheduledFuture<?> timer;
    private Counters previous;
    private ConsoleSample latest;
    private long latestAt;
    private long lastPollAt;

    /** The counters of every shard at one moment, by shard, then by IO class id or scheduling group id. */
    private record Counters(long nanos, IoCounters[][] io, long[][] groupRuntimeNanos) {}

    public LiveStats(ShardRuntime runtime, LsmEngineFactory engines, ServiceLevelMetrics serviceLevels, EventExecutor loop) {
        this.runtime = runtime;
        this.engines = engines;
        this.serviceLevels = serviceLevels;
        this.loop = loop;
    }

    /** The latest sample if it is fresh, else the next one; starts the sampler if it was idle. */
    public CompletionStage<ConsoleSample> next() {
        CompletableFuture<ConsoleSample> answer = new CompletableFuture<>();
        loop.execute(() -> {
            lastPollAt = System.nanoTime();
            if (latest != null && lastPollAt - latestAt < FRESH_NANOS) {
                answer.complete(latest);
            } else {
                polls.add(answer);
                ensureRunning();
            }
        });
        return answer;
    }

    /** Hands every sample to {@code subscriber} (on the sampler's thread) until the returned action is run. */
    public Runnable subscribe(Consumer<ConsoleSample> subscriber) {
        loop.execute(() -> {
            subscribers.add(subscriber);
            ensureRunning();
        });
        return () -> loop.execute(() -> subscribers.remove(subscriber));
    }

    /** Stream subscribers now (any thread). */
    public int watchers() { return subscribers.size(); }

    @Override
    public void close() {
        try {
            loop.execute(() -> {
                stop();
                subscribers.clear();
                polls.forEach(poll -> poll.completeExceptionally(new IllegalStateException("The node is shutting down")));
                polls.clear();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the loop already stopped, and its timer with it
        }
    }

    private void ensureRunning() {
        if (timer != null) return;
        previous = null;
        tick(); // the baseline the first interval is measured from
        timer = loop.scheduleAtFixedRate(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void stop() {
        if (timer != null) timer.cancel(false);
        timer = null;
        previous = null;
    }

    private void tick() {
        try {
            Counters now = read();
            Map<String, Histogram[]> latencies = serviceLevels.intervalLatencies();
            if (previous != null) publish(sampleOf(previous, now, latencies));
            previous = now;
        } catch (RuntimeException e) { // a failed tick must not end the timer: the next one tries again
            log.warn("The live console could not take a sample", e);
        }
        if (subscribers.isEmpty() && polls.isEmpty() && System.nanoTime() - lastPollAt > POLL_KEEPS_RUNNING_NANOS) stop();
    }

    private void publish(ConsoleSample sample) {
        latest = sample;
        latestAt = System.nanoTime();
        polls.forEach(poll -> poll.complete(sample));
        polls.clear();
        for (Consumer<ConsoleSample> subscriber : subscribers) subscriber.accept(sample);
    }

    private Counters read() {
        List<IoClass> classes = runtime.ioClasses();
        List<SchedulingGroup> groups = runtime.groups();
        IoCounters[][] io = new IoCounters[runtime.shardCount()][];
        long[][] cpu = new long[runtime.shardCount()][];
        for (Shard shard : runtime.shards()) {
            io[shard.id()] = new IoCounters[classes.size()];
            for (IoClass ioClass : classes) {
                if (shard.io().serves(ioClass)) io[shard.id()][ioClass.id()] = IoCounters.of(shard.io().stats(ioClass));
            }
            cpu[shard.id()] = new long[groups.stream().mapToInt(SchedulingGroup::id).max().orElse(-1) + 1];
            for (SchedulingGroup group : groups) cpu[shard.id()][group.id()] = shard.stats(group).runtimeNanos();
        }
        return new Counters(System.nanoTime(), io, cpu);
    }

    private ConsoleSample sampleOf(Counters before, Counters now, Map<String, Histogram[]> latencies) {
        double seconds = (now.nanos - before.nanos) / 1e9;
        List<ConsoleSample.Shard> shards = new ArrayList<>();
        Map<String, IoCounters> nodeIo = new LinkedHashMap<>();
        Map<String, Long> nodeQueued = new HashMap<>();
        Map<String, double[]> nodeGroups = new LinkedHashMap<>(); // utilization, queue length, shares: summed
        Map<String, Histogram> nodeLatency = new LinkedHashMap<>();
        double flushBacklog = 0;
        double compactionBacklog = 0;
        boolean backlogsKnown = true;
        for (Shard shard : runtime.shards()) {
            int id = shard.id();
            Map<String, ConsoleSample.Io> io = new LinkedHashMap<>();
            for (IoClass ioClass : runtime.ioClasses()) {
                IoCounters current = at(now.io[id], ioClass.id());
                if (current == null) continue;
                IoCounters earlier = at(before.io[id], ioClass.id());
                IoCounters delta = current.minus(earlier == null ? IoCounters.ZERO : earlier);
                long queued = shard.io().stats(ioClass).queueLength();
                io.put(ioClass.label(), delta.figures(seconds, queued));
                nodeIo.merge(ioClass.label(), delta, IoCounters::plus);
                nodeQueued.merge(ioClass.label(), queued, Long::sum);
            }
            Map<String, ConsoleSample.Group> groups = new LinkedHashMap<>();
            for (SchedulingGroup group : runtime.groups()) {
                long cpu = at(now.groupRuntimeNanos[id], group.id()) - at(before.groupRuntimeNanos[id], group.id());
                ConsoleSample.Group figures = new ConsoleSample.Group(cpu / 1e9 / seconds, shard.stats(group).queueLength(), shard.shares(group));
                groups.put(group.name(), figures);
                double[] sums = nodeGroups.computeIfAbsent(group.name(), name -> new double[3]);
                sums[0] += figures.utilization();
                sums[1] += figures.queueLength();
                sums[2] += figures.shares();
            }
            BackgroundControllers controllers = engines.controllers(id);
            Double flush = controllers == null ? null : controllers.memtableFlush().backlog();
            Double compaction = controllers == null ? null : controllers.compaction().backlog();
            if (controllers == null) backlogsKnown = false;
            else {
                flushBacklog += flush;
                compactionBacklog += compaction;
            }
            Map<String, ConsoleSample.Latency> levels = new LinkedHashMap<>();
            for (Map.Entry<String, Histogram[]> level : latencies.entrySet()) {
                Histogram histogram = level.getValue()[id];
                levels.put(level.getKey(), latency(histogram, seconds));
                nodeLatency.computeIfAbsent(level.getKey(), name -> new Histogram(histogram.getHighestTrackableValue(),
                        histogram.getNumberOfSignificantValueDigits())).add(histogram);
            }
            shards.add(new ConsoleSample.Shard(Integer.toString(id), io, groups, flush, compaction, levels));
        }
        int shardCount = runtime.shardCount();
        Map<String, ConsoleSample.Io> io = new LinkedHashMap<>();
        nodeIo.forEach((label, delta) -> io.put(label, delta.figures(seconds, nodeQueued.get(label))));
        Map<String, ConsoleSample.Group> groups = new LinkedHashMap<>();
        nodeGroups.forEach((name, sums) -> groups.put(name,
                new ConsoleSample.Group(sums[0] / shardCount, (long) sums[1], (int) Math.round(sums[2] / shardCount))));
        Map<String, ConsoleSample.Latency> levels = new LinkedHashMap<>();
        nodeLatency.forEach((level, histogram) -> levels.put(level, latency(histogram, seconds)));
        ConsoleSample.Shard node = new ConsoleSample.Shard("all", io, groups, backlogsKnown ? flushBacklog / shardCount : null,
                backlogsKnown ? compactionBacklog / shardCount : null, levels);
        return new ConsoleSample(System.currentTimeMillis(), seconds, shards, node);
    }

    private static ConsoleSample.Latency latency(Histogram micros, double seconds) {
        if (micros.getTotalCount() == 0) return new ConsoleSample.Latency(0, 0, 0, 0);
        return new ConsoleSample.Latency(micros.getTotalCount() / seconds, micros.getValueAtPercentile(50) / 1e3,
                micros.getValueAtPercentile(99) / 1e3, micros.getMaxValue() / 1e3);
    }

    private static IoCounters at(IoCounters[] byClass, int id) {
        return id < byClass.length ? byClass[id] : null;
    }

    private static long at(long[] byGroup, int id) {
        return id < byGroup.length ? byGroup[id] : 0;
    }
}
