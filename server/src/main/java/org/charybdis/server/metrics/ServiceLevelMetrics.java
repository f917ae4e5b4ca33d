package org.charybdis.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Meters of each service level on each shard, labelled {@code service_level} and {@code shard}:
 * {@code charybdis_service_level_requests_total}, {@code _request_latency_seconds} (histogram),
 * {@code _runtime_seconds_total} (CPU time of its scheduling group), {@code _queue_length} and {@code _shares};
 * its group also appears among the {@code charybdis_scheduler_*} meters. A level's meters come and go with the
 * level. Requests are recorded by scheduling group, from the shard threads, without allocating; their latencies also
 * go to a recorder per level and shard that the live console empties once a second ({@link #intervalLatencies}).
 */
public final class ServiceLevelMetrics {
    private static final String PREFIX = "charybdis.service.level";
    /** Latencies past a minute are recorded as a minute: the recorders' range, in microseconds. */
    private static final long MAX_RECORDED_MICROS = 60_000_000L;

    private final ServerMetrics metrics;
    private final ShardRuntime runtime;
    /** By scheduling group id; replaced whole when a level comes or goes. */
    private volatile LevelMeters[] byGroup = new LevelMeters[0];

    /** One level's request meters per shard, and every meter to remove when it goes. */
    private record LevelMeters(String level, SchedulingGroup group, Counter[] requests, Timer[] latency,
                               Recorder[] recent, List<Meter> all) {}

    ServiceLevelMetrics(ServerMetrics metrics, ShardRuntime runtime) {
        this.metrics = metrics;
        this.runtime = runtime;
    }

    /** Starts metering a level served by {@code group}; replaces what the group was metered as before. */
    public synchronized void register(String level, SchedulingGroup group) {
        unregister(group);
        int shards = runtime.shardCount();
        Counter[] requests = new Counter[shards];
        Timer[] latency = new Timer[shards];
        Recorder[] recent = new Recorder[shards];
        List<Meter> all = new ArrayList<>();
        for (Shard shard : runtime.shards()) {
            Tags tags = Tags.of("shard", Integer.toString(shard.id()), "service_level", level);
            requests[shard.id()] = Counter.builder(PREFIX + ".requests").tags(tags)
                    .description("CQL requests served in the service level").register(metrics.registry());
            latency[shard.id()] = metrics.latencyTimer(PREFIX + ".request.latency", tags,
                    "Latency of the service level's CQL requests, from decoded frame to response");
            recent[shard.id()] = new Recorder(MAX_RECORDED_MICROS, 2);
            all.add(requests[shard.id()]);
            all.add(latency[shard.id()]);
            all.addAll(metrics.registerGroupUsage(PREFIX, shard, group, tags));
            if (group.ioClass() != null) all.addAll(metrics.registerGroup(shard, group)); // built-in groups already are
        }
        LevelMeters[] next = Arrays.copyOf(byGroup, Math.max(byGroup.length, group.id() + 1));
        next[group.id()] = new LevelMeters(level, group, requests, latency, recent, all);
        byGroup = next;
    }

    /** Stops metering whatever level {@code group} served (a dropped level). */
    public synchronized void unregister(SchedulingGroup group) {
        LevelMeters[] current = byGroup;
        if (group.id() >= current.length || current[group.id()] == null) return;
        metrics.remove(current[group.id()].all());
        LevelMeters[] next = current.clone();
        next[group.id()] = null;
        byGroup = next;
    }

    /** A request served in {@code group} on {@code shard} took {@code nanos}; groups of no level are not metered. */
    public void request(int shard, SchedulingGroup group, long nanos) {
        LevelMeters[] current = byGroup;
        LevelMeters meters = group.id() < current.length ? current[group.id()] : null;
        if (meters == null || meters.group != group) return;
        meters.requests[shard].increment();
        meters.latency[shard].record(nanos, TimeUnit.NANOSECONDS);
        meters.recent[shard].recordValue(Math.min(MAX_RECORDED_MICROS, Math.max(0, nanos / 1000)));
    }

    /**
     * Each level's request latencies (microseconds) per shard since the previous call, by level name. For the live
     * console, its only caller: a call starts the next interval.
     */
    public Map<String, Histogram[]> intervalLatencies() {
        Map<String, Histogram[]> intervals = new LinkedHashMap<>();
        for (LevelMeters meters : byGroup) {
            if (meters == null) continue;
            Histogram[] perShard = new Histogram[meters.recent.length];
            for (int shard = 0; shard < perShard.length; shard++) perShard[shard] = meters.recent[shard].getIntervalHistogram();
            intervals.put(meters.level, perShard);
        }
        return intervals;
    }
}
