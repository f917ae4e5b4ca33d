package org.charybdis.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;

/**
 * Each shard's reactor, as ScyllaDB's {@code reactor_utilization} and {@code reactor_stalls}: the wall time it was
 * busy (not parked waiting for work) as a counter, the busy fraction since the previous scrape as a gauge, and the
 * tasks the stall detector caught holding the shard past the threshold.
 */
final class ReactorMetrics {
    private ReactorMetrics() {}

    static void register(MeterRegistry registry, ShardRuntime runtime) {
        for (Shard shard : runtime.shards()) {
            Tags tags = Tags.of("shard", Integer.toString(shard.id()));
            FunctionCounter.builder("charybdis.reactor.busy.seconds", shard, s -> s.busyNanos() / 1e9).tags(tags)
                    .description("Wall time the reactor was not parked waiting for work").register(registry);
            Gauge.builder("charybdis.reactor.utilization", new Utilization(shard), Utilization::sinceLastRead).tags(tags)
                    .description("Fraction of the time since the previous scrape the reactor was busy (0 to 1)").register(registry);
            int id = shard.id();
            FunctionCounter.builder("charybdis.reactor.stalls", runtime, r -> r.stallCount(id)).tags(tags)
                    .description("Tasks that ran longer than the stall threshold").register(registry);
        }
    }

    /** Busy time over wall time between two reads; the first read covers the time since the shard started. */
    private static final class Utilization {
        private final Shard shard;
        private long lastBusy;
        private long lastRead = System.nanoTime();

        Utilization(Shard shard) {
            this.shard = shard;
            this.lastBusy = shard.busyNanos();
        }

        synchronized double sinceLastRead() {
            long now = System.nanoTime();
            long busy = shard.busyNanos();
            long elapsed = now - lastRead;
            if (elapsed <= 0) return 0;
            double fraction = (double) (busy - lastBusy) / elapsed;
            lastBusy = busy;
            lastRead = now;
            return Math.clamp(fraction, 0.0, 1.0);
        }
    }
}
