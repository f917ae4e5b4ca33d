package org.charybdis.scheduler.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The IO queue's dispatching on a manual clock and hand-run IO threads, so proportions, pacing and limits are
 * checked exactly rather than by wall-clock timing.
 */
class IoQueueDispatchTest {
    private static final long KIB = 1024;
    private final ManualIoTimer timer = new ManualIoTimer();
    private final HeldExecutor held = new HeldExecutor();

    @Test
    void underContentionClassesShareALimitedDiskByShares() {
        IoQueue queue = queue(new IoCapacity(100_000, 100_000_000, 100_000, 100_000_000), held, 32);
        queue.setShares(IoClass.QUERY, 1000);
        queue.setShares(IoClass.COMPACTION, 250);
        for (int i = 0; i < 300; i++) {
            queue.submit(IoClass.QUERY, 64 * KIB, () -> null);
            queue.submit(IoClass.COMPACTION, 64 * KIB, () -> null);
        }
        long start = timer.nanoTime();

        for (int i = 0; i < 200; i++) {
            held.runAll();
            timer.fireNext();
        }
        held.runAll();

        long query = queue.stats(IoClass.QUERY).dispatchedCostNanos();
        long compaction = queue.stats(IoClass.COMPACTION).dispatchedCostNanos();
        assertThat(queue.stats(IoClass.COMPACTION).queueLength()).isPositive(); // still contended at the end
        assertThat((double) query / compaction).isCloseTo(4.0, within(0.6));
        // and together they used the disk at its capacity: 100 MB/s of manual time, plus the first burst
        long bytes = queue.stats(IoClass.QUERY).bytesCompleted() + queue.stats(IoClass.COMPACTION).bytesCompleted();
        double seconds = (timer.nanoTime() - start) / 1e9;
        assertThat(bytes / seconds).isCloseTo(100_000_000, within(3_000_000.0));
    }

    @Test
    void aSmallWriteBandwidthPacesWritesToIt() {
        IoQueue queue = queue(new IoCapacity(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 4_000_000), Runnable::run, 32);
        long start = timer.nanoTime();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 64; i++) writes.add(queue.submit(IoClass.COMPACTION, 128 * KIB, () -> null));

        while (timer.fireNext()) { /* let the bucket refill */ }

        assertThat(writes).allMatch(CompletableFuture::isDone);
        double seconds = (timer.nanoTime() - start) / 1e9;
        assertThat(seconds).isBetween(1.5, 2.2); // 8 MiB at 4 MB/s is 2.1 s; the last request goes on credit
    }

    @Test
    void unlimitedCapacityNeverWaitsForTheBucket() {
        IoQueue queue = queue(IoCapacity.UNLIMITED, Runnable::run, 32);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 8_192; i++) writes.add(queue.submit(IoClass.COMPACTION, 128 * KIB, () -> null)); // 1 GiB

        assertThat(writes).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(timer.wakeupsRequested()).isZero();
        assertThat(queue.stats(IoClass.COMPACTION).bytesCompleted()).isEqualTo(1L << 30);
    }

    @Test
    void aFortyGigabytePerSecondDiskIsNotCappedBelowItsSpeed() {
        long bandwidth = 40_000_000_000L;
        IoQueue queue = queue(new IoCapacity(Long.MAX_VALUE - 1, bandwidth, Long.MAX_VALUE - 1, bandwidth), Runnable::run, 32);
        for (int i = 0; i < 40_000; i++) queue.submit(IoClass.QUERY, 128 * KIB, () -> null);
        long start = timer.nanoTime();

        timer.advance(100_000_000); // 100 ms

        long bytes = queue.stats(IoClass.QUERY).bytesCompleted();
        assertThat(bytes / 0.1).isBetween(0.97 * bandwidth, 1.03 * bandwidth);
        assertThat(timer.nanoTime() - start).isEqualTo(100_000_000);
    }

    @Test
    void noMoreThanMaxInFlightRequestsAreHandedToTheIoThreads() {
        IoQueue queue = queue(IoCapacity.UNLIMITED, held, 32);
        for (int i = 0; i < 40; i++) queue.submit(IoClass.QUERY, 4 * KIB, () -> null);

        assertThat(held.size()).isEqualTo(32);
        assertThat(queue.inFlight()).isEqualTo(32);
        assertThat(queue.stats(IoClass.QUERY).inFlight()).isEqualTo(32);
        assertThat(queue.stats(IoClass.QUERY).queueLength()).isEqualTo(8);

        held.runOne();

        assertThat(held.size()).isEqualTo(32); // the finished one let the next waiting one go
        assertThat(queue.stats(IoClass.QUERY).queueLength()).isEqualTo(7);
        assertThat(queue.stats(IoClass.QUERY).opsCompleted()).isEqualTo(1);
    }

    @Test
    void queueWaitIsTheTimeFromSubmitToDispatch() {
        IoQueue queue = queue(IoCapacity.UNLIMITED, held, 1);
        queue.submit(IoClass.MAINTENANCE, 0, () -> null);
        queue.submit(IoClass.MAINTENANCE, 0, () -> null);
        timer.advance(5_000_000);

        held.runAll();

        assertThat(queue.stats(IoClass.MAINTENANCE).queueWaitNanos()).isEqualTo(5_000_000);
        assertThat(queue.stats(IoClass.MAINTENANCE).opsCompleted()).isEqualTo(2);
        assertThat(queue.stats(IoClass.MAINTENANCE).inFlight()).isZero();
    }

    @Test
    void aFailingTaskFailsItsFutureAndIsCountedAsFailed() {
        IoQueue queue = queue(IoCapacity.UNLIMITED, Runnable::run, 32);
        IOException boom = new IOException("disk on fire");

        CompletableFuture<Object> failed = queue.submit(IoClass.COMMITLOG, 4 * KIB, () -> { throw boom; });

        assertThat(failed).isCompletedExceptionally();
        assertThat(failed.exceptionNow()).isSameAs(boom);
        assertThat(queue.stats(IoClass.COMMITLOG).opsFailed()).isEqualTo(1);
        assertThat(queue.stats(IoClass.COMMITLOG).opsCompleted()).isEqualTo(1);
        assertThat(queue.stats(IoClass.COMMITLOG).bytesCompleted()).isZero();
    }

    @Test
    void aRequestCancelledWhileWaitingNeverRuns() {
        IoQueue queue = queue(IoCapacity.UNLIMITED, held, 1);
        AtomicInteger ran = new AtomicInteger();
        queue.submit(IoClass.QUERY, 0, ran::incrementAndGet);
        CompletableFuture<Integer> cancelled = queue.submit(IoClass.QUERY, 0, ran::incrementAndGet);
        cancelled.cancel(false);

        held.runAll();

        assertThat(ran).hasValue(1);
        assertThat(queue.stats(IoClass.QUERY).queueLength()).isZero();
        assertThat(queue.inFlight()).isZero();
    }

    @Test
    void closingFailsWaitingRequestsLetsRunningOnesFinishAndRefusesNewOnes() {
        IoQueue queue = queue(IoCapacity.UNLIMITED, held, 1);
        CompletableFuture<String> running = queue.submit(IoClass.QUERY, 0, () -> "done");
        CompletableFuture<String> waiting1 = queue.submit(IoClass.QUERY, 0, () -> "never");
        CompletableFuture<String> waiting2 = queue.submit(IoClass.COMPACTION, 0, () -> "never");

        queue.close();

        assertThat(waiting1.exceptionNow()).isInstanceOf(IOException.class).hasMessageContaining("shut down");
        assertThat(waiting2.exceptionNow()).isInstanceOf(IOException.class);
        assertThat(queue.submit(IoClass.QUERY, 0, () -> "late").exceptionNow()).isInstanceOf(IOException.class);
        held.runAll();
        assertThat(running).isCompletedWithValue("done");
        assertThat(queue.stats(IoClass.QUERY).queueLength()).isZero();
        assertThat(queue.stats(IoClass.COMPACTION).queueLength()).isZero();
    }

    @Test
    void ioThreadsRefusingWorkFailTheRequestWithIoException() {
        Executor refusing = task -> { throw new RejectedExecutionException("pool shut down"); };
        IoQueue queue = queue(IoCapacity.UNLIMITED, refusing, 32);

        CompletableFuture<Void> refused = queue.submit(IoClass.QUERY, 0, () -> null);

        assertThat(refused.exceptionNow()).isInstanceOf(IOException.class);
        assertThat(queue.inFlight()).isZero();
        assertThat(queue.stats(IoClass.QUERY).inFlight()).isZero();
    }

    @Test
    void aQueueBuiltWithoutARuntimeIsUnlimitedAndWorks() throws Exception {
        IoQueue queue = new IoQueue(3, Runnable::run);

        assertThat(queue.submit(IoClass.QUERY, 1L << 40, () -> 42).get()).isEqualTo(42);
        assertThat(queue.capacity()).isEqualTo(IoCapacity.UNLIMITED);
        assertThat(queue.maxInFlight()).isEqualTo(IoQueue.DEFAULT_MAX_IN_FLIGHT);
        assertThat(queue.shardId()).isEqualTo(3);
    }

    private IoQueue queue(IoCapacity capacity, Executor executor, int maxInFlight) {
        return new IoQueue(0, executor, new SharedDisk(capacity, timer), maxInFlight);
    }

    /** IO threads that run their tasks only when the test says so. */
    private static final class HeldExecutor implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) { tasks.addLast(task); }

        int size() { return tasks.size(); }

        void runOne() { tasks.removeFirst().run(); }

        void runAll() {
            while (!tasks.isEmpty()) runOne();
        }
    }
}
