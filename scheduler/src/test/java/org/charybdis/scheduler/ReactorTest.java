package org.charybdis.scheduler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The reactor's fair queueing between scheduling groups, measured by the scheduler's own runtime stats. */
class ReactorTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1));
    private final Shard shard = runtime.shard(0);
    private final AtomicBoolean stop = new AtomicBoolean();

    @AfterEach
    void tearDown() {
        stop.set(true);
        runtime.close();
    }

    @Test
    void busyGroupsShareTheShardInProportionToTheirShares() throws Exception {
        SchedulingGroup heavy = runtime.createGroup("heavy", 600);
        SchedulingGroup light = runtime.createGroup("light", 200);
        keepBusy(heavy, 2);
        keepBusy(light, 2);
        Thread.sleep(100); // let both groups reach their steady state

        long heavyStart = shard.stats(heavy).runtimeNanos();
        long lightStart = shard.stats(light).runtimeNanos();
        Thread.sleep(2_000);
        long heavyRuntime = shard.stats(heavy).runtimeNanos() - heavyStart;
        long lightRuntime = shard.stats(light).runtimeNanos() - lightStart;

        assertThat(lightRuntime).isPositive();
        assertThat((double) heavyRuntime / lightRuntime).isCloseTo(3.0, within(0.3));
        assertThat(shard.stats(heavy).tasksRun()).isPositive();
    }

    @Test
    void aLoneBusyGroupGetsTheWholeShardWhileAnotherGroupIdles() throws Exception {
        SchedulingGroup busy = runtime.createGroup("busy", 200);
        SchedulingGroup idle = runtime.createGroup("idle", 1000);
        long reactorThread = reactorThreadId();
        keepBusy(busy, 1);
        Thread.sleep(50);

        long reactorCpuStart = THREADS.getThreadCpuTime(reactorThread);
        long busyStart = shard.stats(busy).runtimeNanos();
        Thread.sleep(400);
        long busyRuntime = shard.stats(busy).runtimeNanos() - busyStart;
        long reactorCpu = THREADS.getThreadCpuTime(reactorThread) - reactorCpuStart;

        assertThat(reactorCpu).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(40)); // it did get CPU, even on a busy machine
        assertThat((double) busyRuntime / reactorCpu).isGreaterThan(0.9);
        assertThat(shard.stats(idle).runtimeNanos()).isZero();
        assertThat(shard.stats(idle).tasksRun()).isZero();
    }

    @Test
    void aGroupWakingAfterIdlingDoesNotMonopoliseTheShard() throws Exception {
        SchedulingGroup early = runtime.createGroup("early", 1000);
        SchedulingGroup late = runtime.createGroup("late", 1000);
        keepBusy(early, 1);
        Thread.sleep(500); // early runs alone; late, idle, must not bank this time as credit

        keepBusy(late, 1);
        long earlyStart = shard.stats(early).runtimeNanos();
        long lateStart = shard.stats(late).runtimeNanos();
        Thread.sleep(300);
        long earlyRuntime = shard.stats(early).runtimeNanos() - earlyStart;
        long lateRuntime = shard.stats(late).runtimeNanos() - lateStart;

        assertThat((double) lateRuntime / (earlyRuntime + lateRuntime)).isBetween(0.35, 0.65);
    }

    @Test
    void anIdleReactorParksInsteadOfSpinning() throws Exception {
        long id = reactorThreadId();
        Thread.sleep(50);

        long cpuBefore = THREADS.getThreadCpuTime(id);
        Thread.sleep(300);
        long cpuUsed = THREADS.getThreadCpuTime(id) - cpuBefore;

        assertThat(cpuUsed).isLessThan(TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void sharesChangedAtRunTimeTakeEffect() throws Exception {
        SchedulingGroup first = runtime.createGroup("first", 500);
        SchedulingGroup second = runtime.createGroup("second", 500);
        keepBusy(first, 1);
        keepBusy(second, 1);
        first.setShares(1000);
        second.setShares(250);

        assertThat(runtimeRatio(first, second)).isCloseTo(4.0, within(0.6));
    }

    @Test
    void sharesSetForOneShardWinThereOverTheGroups() throws Exception {
        SchedulingGroup first = runtime.createGroup("first", 500);
        SchedulingGroup second = runtime.createGroup("second", 500);
        shard.setShares(second, 125);
        keepBusy(first, 1);
        keepBusy(second, 1);

        assertThat(runtimeRatio(first, second)).isCloseTo(4.0, within(0.6));
        assertThat(shard.shares(second)).isEqualTo(125);
        assertThat(second.shares()).isEqualTo(500);
    }

    /** CPU time of busy group a over that of busy group b, over 600 ms once they settled. */
    private double runtimeRatio(SchedulingGroup a, SchedulingGroup b) throws InterruptedException {
        Thread.sleep(100);
        long aStart = shard.stats(a).runtimeNanos();
        long bStart = shard.stats(b).runtimeNanos();
        Thread.sleep(600);
        return (double) (shard.stats(a).runtimeNanos() - aStart) / (shard.stats(b).runtimeNanos() - bStart);
    }

    private long reactorThreadId() throws Exception {
        CompletableFuture<Long> threadId = new CompletableFuture<>();
        shard.execute(runtime.group(ShardRuntime.STATEMENT), () -> threadId.complete(Thread.currentThread().threadId()));
        return threadId.get(5, TimeUnit.SECONDS);
    }

    /** Starts chains of ~50 µs tasks that resubmit themselves in their group until the test ends. */
    private void keepBusy(SchedulingGroup group, int chains) {
        for (int i = 0; i < chains; i++) {
            shard.execute(group, new Runnable() {
                @Override
                public void run() {
                    long end = System.nanoTime() + 50_000;
                    while (System.nanoTime() - end < 0) Thread.onSpinWait();
                    if (!stop.get()) shard.execute(group, this);
                }
            });
        }
    }
}
