package org.charybdis.scheduler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timers run their task on their shard in their group, and stop when cancelled. */
class GroupTimerTest {
    private final ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2));
    private final SchedulingGroup flush = runtime.group(ShardRuntime.MEMTABLE_FLUSH);

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    @Test
    void aTimerFiresAfterItsDelayOnItsShardInItsGroup() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        long start = System.nanoTime();
        ScheduledFuture<?> timer = runtime.shard(1).schedule(flush, 20, TimeUnit.MILLISECONDS,
                () -> seen.complete(Thread.currentThread().getName() + " " + Shard.current().currentGroup().name()));

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("shard-1 memtable_flush");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        timer.get(5, TimeUnit.SECONDS);
        assertThat(timer.isDone()).isTrue();
        // the counters are published when the reactor finishes the group's slice, just after the task ran
        assertThat(Eventually.holds(() -> runtime.shard(1).stats(flush).tasksRun() > 0)).isTrue();
    }

    @Test
    void aCancelledTimerNeverRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> timer = runtime.shard(0).schedule(flush, 100, TimeUnit.MILLISECONDS, runs::incrementAndGet);

        assertThat(timer.getDelay(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(100L);
        assertThat(timer.cancel(false)).isTrue();
        Thread.sleep(200);

        assertThat(runs.get()).isZero();
        assertThat(timer.isCancelled()).isTrue();
        assertThatThrownBy(timer::get).isInstanceOf(CancellationException.class);
    }

    @Test
    void aFixedRateTimerRepeatsUntilCancelled() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        CompletableFuture<String> fifthRun = new CompletableFuture<>();
        self.set(runtime.shard(0).scheduleAtFixedRate(flush, 0, 5, TimeUnit.MILLISECONDS, () -> {
            if (runs.incrementAndGet() == 5) {
                self.get().cancel(false);
                fifthRun.complete(Thread.currentThread().getName() + " " + Shard.current().currentGroup().name());
            }
        }));

        assertThat(fifthRun.get(5, TimeUnit.SECONDS)).isEqualTo("shard-0 memtable_flush");
        Thread.sleep(30);
        assertThat(runs.get()).isEqualTo(5);
        assertThat(self.get().isCancelled()).isTrue();
    }

    @Test
    void aFixedRateTimerWhoseTaskThrowsStops() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> timer = runtime.shard(0).scheduleAtFixedRate(flush, 0, 2, TimeUnit.MILLISECONDS, () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("expected in test");
        });

        assertThat(Eventually.holds(timer::isDone)).isTrue();
        Thread.sleep(20);
        assertThat(runs.get()).isEqualTo(1);
        assertThatThrownBy(timer::get).hasCauseInstanceOf(IllegalStateException.class);
    }
}
