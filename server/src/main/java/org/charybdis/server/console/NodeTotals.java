package org.charybdis.server.console;

import org.HdrHistogram.Histogram;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's figures of one interval, gathered shard by shard: IO counters added up (so means and shares weigh each
 * shard by its requests), latency histograms merged, groups' utilization and the backlogs averaged over the shards.
 */
final class NodeTotals {
    private final int shardCount;
    private final Map<String, IoCounters> io = new LinkedHashMap<>();
    private final Map<String, Long> queued = new HashMap<>();
    private final Map<String, double[]> groups = new LinkedHashMap<>(); // utilization, queue length, shares: summed
    private final Map<String, Histogram> latencies = new LinkedHashMap<>();
    private double flushBacklog;
    private double compactionBacklog;
    private boolean backlogsKnown = true;

    NodeTotals(int shardCount) {
        this.shardCount = shardCount;
    }

    void io(String ioClass, IoCounters delta, long queueLength) {
        io.merge(ioClass, delta, IoCounters::plus);
        queued.merge(ioClass, queueLength, Long::sum);
    }

    void group(String name, ConsoleSample.Group figures) {
        double[] sums = groups.computeIfAbsent(name, n -> new double[3]);
        sums[0] += figures.utilization();
        sums[1] += figures.queueLength();
        sums[2] += figures.shares();
    }

    /** A shard's backlogs, null when its storage has not started: the node's are then unknown too. */
    void backlogs(Double flush, Double compaction) {
        if (flush == null || compaction == null) {
            backlogsKnown = false;
            return;
        }
        flushBacklog += flush;
        compactionBacklog += compaction;
    }

    void latency(String level, Histogram micros) {
        latencies.computeIfAbsent(level, l -> new Histogram(micros.getHighestTrackableValue(), micros.getNumberOfSignificantValueDigits()))
                .add(micros);
    }

    ConsoleSample.Shard figures(double seconds) {
        Map<String, ConsoleSample.Io> ioFigures = new LinkedHashMap<>();
        io.forEach((ioClass, delta) -> ioFigures.put(ioClass, delta.figures(seconds, queued.get(ioClass))));
        Map<String, ConsoleSample.Group> groupFigures = new LinkedHashMap<>();
        groups.forEach((name, sums) -> groupFigures.put(name,
                new ConsoleSample.Group(sums[0] / shardCount, (long) sums[1], (int) Math.round(sums[2] / shardCount))));
        Map<String, ConsoleSample.Latency> levels = new LinkedHashMap<>();
        latencies.forEach((level, micros) -> levels.put(level, ConsoleSample.Latency.of(micros, seconds)));
        return new ConsoleSample.Shard("all", ioFigures, groupFigures, backlogsKnown ? flushBacklog / shardCount : null,
                backlogsKnown ? compactionBacklog / shardCount : null, levels);
    }
}
