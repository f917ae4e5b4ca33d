package org.charybdis.tools.iotune;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs one {@link IoTest} against the test file with {@code concurrency} threads, each keeping one request in flight
 * with positional reads or writes: a single outstanding request would measure latency, not what an NVMe disk can do
 * with deep queues. Threads are never interrupted: interrupting a thread in a file channel call closes the channel.
 */
final class LoadRunner {
    private final FileChannel channel;
    private final long fileSize;
    private final int blockSize;
    private final int concurrency;
    private final long durationNanos;
    private final long seed;

    LoadRunner(FileChannel channel, long fileSize, int blockSize, int concurrency, long durationNanos, long seed) {
        this.channel = channel;
        this.fileSize = fileSize;
        this.blockSize = blockSize;
        this.concurrency = concurrency;
        this.durationNanos = durationNanos;
        this.seed = seed;
    }

    IoResult run(IoTest test) throws IOException, InterruptedException {
        int requestSize = test.requestSize(blockSize);
        long stripe = Alignment.roundDown(fileSize / concurrency, requestSize);
        Worker[] workers = new Worker[concurrency];
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean failed = new AtomicBoolean();
        Thread[] threads = new Thread[concurrency];
        // another sequence per test: the random reads must not retrace the random writes the disk may still cache
        long testSeed = seed + 1_000_003L * (test.ordinal() + 1);
        for (int i = 0; i < concurrency; i++) {
            LongSupplier offsets = test.random
                    ? new RandomOffsets(fileSize, requestSize, blockSize, testSeed + i)
                    : new SequentialOffsets(i * stripe, stripe, requestSize);
            ByteBuffer buffer = Alignment.buffer(requestSize, blockSize);
            if (test.write) fillRandomly(buffer, new SplittableRandom(testSeed - i));
            workers[i] = new Worker(test.write, buffer, offsets, ready, go, failed);
            threads[i] = Thread.ofPlatform().daemon().name("iotune-" + i).unstarted(workers[i]);
        }
        startAll(threads, workers, go, failed);
        ready.await();
        long start = System.nanoTime();
        for (Worker worker : workers) worker.deadline = start + durationNanos;
        go.countDown(); // publishes the deadlines
        for (Thread thread : threads) thread.join();
        long requests = 0;
        long bytes = 0;
        long end = start;
        for (Worker worker : workers) {
            if (worker.error != null) throw new IOException(test.label + " test failed: " + worker.error.getMessage(), worker.error);
            requests += worker.requests;
            bytes += worker.bytes;
            end = Math.max(end, worker.finished);
        }
        // a write counts once it is durable: this matters for buffered IO, and flushes the disk's cache with O_DIRECT
        if (test.write) {
            channel.force(false);
            end = System.nanoTime();
        }
        return new IoResult(requests, bytes, Math.max(1, end - start));
    }

    /** When the system refuses a thread (ulimit -u), lets the started ones finish at once instead of hanging. */
    private static void startAll(Thread[] threads, Worker[] workers, CountDownLatch go, AtomicBoolean failed) throws InterruptedException {
        int started = 0;
        try {
            for (; started < threads.length; started++) threads[started].start();
        } catch (OutOfMemoryError e) {
            failed.set(true);
            go.countDown(); // deadlines are still 0: each started worker does one request and stops
            for (int i = 0; i < started; i++) threads[i].join();
            throw new IllegalArgumentException("cannot start " + threads.length + " threads (" + e.getMessage()
                    + "): lower --concurrency (" + started + " started)");
        }
    }

    /** Only one worker thread touches its fields until join(), which makes them visible to the runner. */
    private final class Worker implements Runnable {
        private final boolean write;
        private final ByteBuffer buffer;
        private final LongSupplier offsets;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        private final AtomicBoolean failed;
        long deadline;
        long requests;
        long bytes;
        long finished;
        Exception error;

        Worker(boolean write, ByteBuffer buffer, LongSupplier offsets, CountDownLatch ready, CountDownLatch go, AtomicBoolean failed) {
            this.write = write;
            this.buffer = buffer;
            this.offsets = offsets;
            this.ready = ready;
            this.go = go;
            this.failed = failed;
        }

        @Override
        public void run() {
            ready.countDown();
            try {
                go.await();
                do {
                    long offset = offsets.getAsLong();
                    buffer.clear();
                    if (write) writeFully(offset);
                    else readFully(offset);
                    requests++;
                    bytes += buffer.capacity();
                } while (System.nanoTime() < deadline && !failed.get());
            } catch (IOException | RuntimeException | InterruptedException e) {
                error = e;
                failed.set(true);
            }
            finished = System.nanoTime();
        }

        private void readFully(long offset) throws IOException {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new EOFException("end of the test file at offset " + (offset + buffer.position()));
                }
            }
        }

        private void writeFully(long offset) throws IOException {
            while (buffer.hasRemaining()) channel.write(buffer, offset + buffer.position());
        }
    }

    /** Random bytes, so that a compressing file system or disk cannot make the test cheaper than real data. */
    static void fillRandomly(ByteBuffer buffer, SplittableRandom random) {
        for (int i = 0; i + Long.BYTES <= buffer.capacity(); i += Long.BYTES) buffer.putLong(i, random.nextLong());
    }
}
