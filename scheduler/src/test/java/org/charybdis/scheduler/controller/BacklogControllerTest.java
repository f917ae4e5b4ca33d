package org.charybdis.scheduler.controller;

import org.charybdis.scheduler.Eventually;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.charybdis.scheduler.io.IoClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.scheduler.controller.ControlCurve.point;

/** A controller sets its own shard's shares, CPU and disk, from the backlog it measures there. */
class BacklogControllerTest {
    private final ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2));
    private final SchedulingGroup compaction = runtime.group(ShardRuntime.COMPACTION);
    private final ControlCurve curve = ControlCurve.through(point(0, 50), point(1.5, 100), point(30, 1000));
    private volatile double backlog;

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    @Test
    void setsTheSharesOfItsShardOnly() {
        Shard shard = runtime.shard(0);
        BacklogController controller = new BacklogController(shard, compaction, IoClass.COMPACTION, curve, () -> backlog);

        backlog = 15.75;
        assertThat(on(0, controller::adjust)).isEqualTo(550);

        assertThat(shard.shares(compaction)).isEqualTo(550);
        assertThat(shard.io().shares(IoClass.COMPACTION)).isEqualTo(550);
        assertThat(controller.backlog()).isEqualTo(15.75);
        assertThat(controller.shares()).isEqualTo(550);
        Shard other = runtime.shard(1);
        assertThat(other.shares(compaction)).isEqualTo(compaction.shares()).isEqualTo(1000);
        assertThat(other.io().shares(IoClass.COMPACTION)).isEqualTo(IoClass.COMPACTION.defaultShares());
    }

    @Test
    void followsTheBacklogPeriodicallyUntilStopped() throws Exception {
        Shard shard = runtime.shard(1);
        AtomicInteger measurements = new AtomicInteger();
        BacklogController controller = new BacklogController(shard, compaction, IoClass.COMPACTION, curve, () -> {
            measurements.incrementAndGet();
            return backlog;
        });
        on(1, () -> {
            controller.start(Duration.ofMillis(5));
            return null;
        });
        assertThat(controller.shares()).isEqualTo(50);

        backlog = 30;
        assertThat(Eventually.holds(() -> shard.shares(compaction) == 1000)).isTrue();
        backlog = 0;
        assertThat(Eventually.holds(() -> shard.shares(compaction) == 50)).isTrue();

        controller.stop();
        int stoppedAt = measurements.get();
        backlog = 30;
        Thread.sleep(50);
        assertThat(measurements.get()).isLessThanOrEqualTo(stoppedAt + 1); // one may have been on its way
        assertThat(shard.shares(compaction)).isEqualTo(50);
    }

    @Test
    void aFailingMeasurementKeepsTheLastSharesAndTheControllerRunning() {
        Shard shard = runtime.shard(0);
        AtomicInteger calls = new AtomicInteger();
        BacklogController controller = new BacklogController(shard, compaction, IoClass.COMPACTION, curve, () -> {
            if (calls.incrementAndGet() == 2) throw new IllegalStateException("boom");
            return backlog;
        });
        backlog = 1.5;
        on(0, () -> {
            controller.start(Duration.ofMillis(5));
            return null;
        });

        assertThat(Eventually.holds(() -> calls.get() > 3)).isTrue();
        assertThat(shard.shares(compaction)).isEqualTo(100);
        controller.stop();
    }

    private <T> T on(int shard, Callable<T> task) {
        return runtime.shard(shard).submitTo(shard, runtime.group(ShardRuntime.STATEMENT), task).join();
    }
}
