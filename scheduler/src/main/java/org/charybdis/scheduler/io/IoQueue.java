package org.charybdis.scheduler.io;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.jctools.queues.MpscUnboundedArrayQueue;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shard's disk queue: every read, write, sync and metadata operation of the shard's storage goes through
 * it with an {@link IoClass}, runs on an IO thread (never on the shard thread), and completes back on the
 * calling shard, in the scheduling group the caller was running in. Callers off any shard (tests, start-up
 * code) get their completion on the IO thread. The one exception is a read of a {@link ReadOnlyFile} by the
 * shard itself that the page cache can answer at once: the shard copies the bytes without blocking
 * ({@link PageCacheReads}) and the future is complete on return; it costs no disk time, so it takes no turn here.
 * <p>
 * Requests wait in per-class queues and are dispatched by virtual-time fair queueing on their cost (disk time
 * from the {@link IoCapacity}), so under contention classes get the disk in proportion to their shares. Dispatch
 * is paced by the {@link SharedDisk}'s token bucket and capped at {@code maxInFlight} requests, so this queue,
 * not the kernel, decides the order. Whoever submits or completes a request takes the dispatcher role for as
 * long as there is work it may dispatch (a lock-free hand-over, never a wait); a refilling bucket is waited out
 * on the disk's timer, not on any thread.
 * <p>
 * Buffers handed to a request belong to the queue until its future completes. Cancelling a future before its
 * request is dispatched drops the request.
 */
public final class IoQueue {
    /** Requests of one shard handed to the IO threads at once; more wait here, in priority order. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;

    private static final VarHandle WIP;

    static {
        try {
            WIP = MethodHandles.lookup().findVarHandle(IoQueue.class, "wip", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int shardId;
    private final Executor ioThreads;
    private final SharedDisk disk;
    private final int maxInFlight;
    private final MpscUnboundedArrayQueue<IoRequest<?>> inbox = new MpscUnboundedArrayQueue<>(64);
    private final FairQueue waiting = new FairQueue(); // dispatcher-owned
    /** Counters by class id, copied on write when a class is added (rare), so any thread reads them lock-free. */
    private volatile IoClassStats[] stats = new IoClassStats[0];
    private final Object classLock = new Object();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final PageCacheReads pageCache = new PageCacheReads(); // the shard thread's
    private final AtomicBoolean wakeupArmed = new AtomicBoolean();
    private final Runnable wakeup = this::onWakeup;
    /** Signals not yet served by the dispatcher; whoever raises it from 0 becomes the dispatcher. */
    private volatile int wip;
    private volatile boolean closed;

    /** A queue with no capacity limit of its own disk, for code running without a runtime. */
    public IoQueue(int shardId, Executor ioThreads) {
        this(shardId, ioThreads, new SharedDisk(IoCapacity.UNLIMITED, DefaultTimer.INSTANCE), DEFAULT_MAX_IN_FLIGHT);
    }

    public IoQueue(int shardId, Executor ioThreads, SharedDisk disk, int maxInFlight) {
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        this.shardId = shardId;
        this.ioThreads = Objects.requireNonNull(ioThreads, "ioThreads");
        this.disk = Objects.requireNonNull(disk, "disk");
        this.maxInFlight = maxInFlight;
        for (IoClass ioClass : IoClass.builtIn()) addClass(ioClass, ioClass.defaultShares());
    }

    /**
     * Adds a class registered at run time (see {@link IoClasses}) with its shares; requests of a class this queue
     * does not know are refused. Idempotent; any thread.
     */
    public void addClass(IoClass ioClass, int shares) {
        synchronized (classLock) {
            waiting.addClass(ioClass, shares);
            IoClassStats[] current = stats;
            if (ioClass.id() < current.length && current[ioClass.id()] != null) return;
            IoClassStats[] grown = java.util.Arrays.copyOf(current, Math.max(current.length, ioClass.id() + 1));
            grown[ioClass.id()] = new IoClassStats();
            stats = grown;
        }
    }

    public int shardId() { return shardId; }

    /**
     * Reads from {@code position} until {@code dst} is full; completes with the number of bytes read, which is
     * short only at the end of the file.
     */
    public CompletableFuture<Integer> read(FileChannel channel, ByteBuffer dst, long position, IoClass ioClass) {
        return enqueue(ioClass, false, channel, position, dst.remaining(), () -> {
            int total = 0;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, position + total);
                if (n < 0) break;
                total += n;
            }
            return total;
        });
    }

    /**
     * Reads exactly {@code dst.remaining()} bytes from {@code position}; fails with EOFException if the file is
     * shorter. On this queue's shard, bytes the page cache holds are read at once, without an IO thread.
     */
    public CompletableFuture<ByteBuffer> readFully(ReadOnlyFile file, ByteBuffer dst, long position, IoClass ioClass) {
        Shard caller = Shard.current();
        int wanted = dst.remaining();
        if (caller != null && caller.id() == shardId && !closed && pageCache.tryRead(file.descriptor(), dst, position)) {
            statsOf(ioClass).readFromPageCache(wanted);
            return CompletableFuture.completedFuture(dst.flip());
        }
        return readFully(file.channel(), dst, position, ioClass);
    }

    /** Reads exactly {@code dst.remaining()} bytes from {@code position}; fails with EOFException if the file is shorter. */
    public CompletableFuture<ByteBuffer> readFully(FileChannel channel, ByteBuffer dst, long position, IoClass ioClass) {
        int wanted = dst.remaining();
        return read(channel, dst, position, ioClass).thenApply(n -> {
            if (n < wanted) throw new java.io.UncheckedIOException(new EOFException(
                    "read " + n + " of " + wanted + " bytes at offset " + position));
            return dst.flip();
        });
    }

    /** Writes all of {@code src} at {@code position}. */
    public CompletableFuture<Void> write(FileChannel channel, ByteBuffer src, long position, IoClass ioClass) {
        return enqueue(ioClass, true, channel, position, src.remaining(), () -> {
            long at = position;
            while (src.hasRemaining()) at += channel.write(src, at);
            return null;
        });
    }

    /** fsync (metadata true) or fdatasync (false); costs one write request. */
    public CompletableFuture<Void> sync(FileChannel channel, boolean metadata, IoClass ioClass) {
        return enqueue(ioClass, true, null, 0, 0, () -> {
            channel.force(metadata);
            return null;
        });
    }

    /**
     * Runs any other blocking file operation; {@code bytes} is what it moves, for the scheduler's accounting.
     * It is costed as a write, the direction metadata operations load.
     */
    public <T> CompletableFuture<T> submit(IoClass ioClass, long bytes, IoTask<T> task) {
        return enqueue(ioClass, true, null, 0, bytes, task);
    }

    /**
     * As {@link #submit}, for a task that writes {@code bytes} at {@code position} of {@code file} (say, after growing
     * it): counted as a positioned write, so the console and metrics tell sequential from random.
     */
    public <T> CompletableFuture<T> submitWrite(IoClass ioClass, Object file, long position, long bytes, IoTask<T> task) {
        return enqueue(ioClass, true, Objects.requireNonNull(file, "file"), position, bytes, task);
    }

    /** Changes a class's shares on this shard (1 to 1,000,000; defaults {@link IoClass#defaultShares}); any thread. */
    public void setShares(IoClass ioClass, int shares) { waiting.setShares(Objects.requireNonNull(ioClass), shares); }

    public int shares(IoClass ioClass) { return waiting.shares(ioClass); }

    /** Per-class counters of this shard, readable from any thread (metrics). */
    public ClassStats stats(IoClass ioClass) { return statsOf(ioClass); }

    /**
     * Counts IO that another library did on its own threads for this shard (RocksDB's flushes and compactions) in the
     * class's figures, as if it had been one sequential request, so metrics and the console show all of the shard's IO.
     */
    public void account(IoClass ioClass, boolean write, long bytes) {
        if (bytes > 0) statsOf(Objects.requireNonNull(ioClass)).external(write, bytes);
    }

    /** Whether this queue serves the class (a class registered in the runtime reaches every queue shortly after). */
    public boolean serves(IoClass ioClass) {
        IoClassStats[] current = stats;
        return ioClass.id() < current.length && current[ioClass.id()] != null && waiting.knows(ioClass);
    }

    /** Requests of this shard on the IO threads now. */
    public int inFlight() { return inFlight.get(); }

    public int maxInFlight() { return maxInFlight; }

    public IoCapacity capacity() { return disk.capacity(); }

    /**
     * Refuses new requests and fails the waiting ones with IOException; requests already on an IO thread finish.
     * Called by the runtime when it shuts down. Idempotent.
     */
    public void close() {
        closed = true;
        signal();
    }

    /** Counters of one IO class on one shard. */
    public interface ClassStats {
        /** Requests finished on an IO thread since start, failed ones included. */
        long opsCompleted();

        /** Of those, the ones whose operation threw. */
        long opsFailed();

        /** Bytes moved by requests that succeeded (as the caller declared them). */
        long bytesCompleted();

        /** Requests waiting in this queue now. */
        long queueLength();

        /** Requests on an IO thread now. */
        long inFlight();

        /** Requests handed to an IO thread since start: the ones {@link #queueWaitNanos} sums the waits of. */
        long requestsDispatched();

        /** Time requests spent waiting here before dispatch, summed. */
        long queueWaitNanos();

        /** Disk time ({@link IoCapacity#costNanos}) of the requests dispatched, summed: the class's use of the disk. */
        long dispatchedCostNanos();

        /** Reads the shard answered from the page cache itself, without an IO thread (not counted above). */
        long pageCacheReads();

        /** Bytes of those reads. */
        long pageCacheBytes();

        /**
         * Read requests since start, whether an IO thread or the page cache answered them: what the shard's storage
         * asked of the disk past its own caches (a point read of data the chunk cache lacks costs one per file it reads).
         */
        long readOps();

        /** Read requests an IO thread ran (the disk's reads; page cache reads are apart). */
        DirectionStats reads();

        /** Write requests an IO thread ran: writes, syncs and other file operations. */
        DirectionStats writes();
    }

    /** Requests of one direction and class on one shard, as the disk sees them. */
    public interface DirectionStats {
        /** Requests that succeeded. */
        long ops();

        /** Bytes they moved. */
        long bytes();

        /**
         * Positioned requests (reads and writes, not syncs or file operations) that started where the previous one on
         * the same file ended, within a 4 KiB page; counted as they are queued.
         */
        long sequential();

        /** Positioned requests that did not. */
        long random();
    }

    // ---- request life cycle -------------------------------------------------------------------------------

    /** {@code file} is the channel a positioned read or write works on (null for others), for {@link AccessPattern}. */
    private <T> CompletableFuture<T> enqueue(IoClass ioClass, boolean write, Object file, long position, long bytes, IoTask<T> task) {
        Objects.requireNonNull(ioClass, "ioClass");
        Objects.requireNonNull(task, "task");
        IoClassStats classStats = statsOf(ioClass);
        Shard caller = Shard.current();
        SchedulingGroup group = caller == null ? null : caller.currentGroup();
        long cost = disk.capacity().costNanos(write, bytes);
        IoRequest<T> request = new IoRequest<>(this, ioClass, write, bytes, cost, task, caller, group, disk.timer().nanoTime());
        if (closed) {
            request.fail(shutDown());
            return request;
        }
        classStats.queued();
        if (!write) classStats.readQueued();
        if (file != null) classStats.positioned(write, file, position, bytes);
        inbox.offer(request);
        signal();
        return request;
    }

    /** IO thread, after the operation ran and before its completion is delivered. */
    void finished(IoRequest<?> request, boolean succeeded) {
        statsOf(request.ioClass()).finished(request.write(), request.bytes(), succeeded);
        inFlight.decrementAndGet();
    }

    /**
     * Dispatches what may be dispatched. The first thread to raise {@code wip} from 0 dispatches, also on behalf
     * of everyone who signals meanwhile; the others return at once.
     */
    void signal() {
        if ((int) WIP.getAndAdd(this, 1) != 0) return;
        int missed = 1;
        do {
            dispatchPass();
            missed = (int) WIP.getAndAdd(this, -missed) - missed;
        } while (missed != 0);
    }

    private void dispatchPass() {
        IoRequest<?> request;
        while ((request = inbox.relaxedPoll()) != null) waiting.add(request);
        if (closed) {
            failWaiting();
            return;
        }
        while (inFlight.get() < maxInFlight) {
            IoClass next = waiting.next();
            if (next == null) return;
            IoRequest<?> head = waiting.head(next);
            if (head.isDone()) { // cancelled by its caller while waiting
                waiting.dropHead(next);
                statsOf(next).droppedFromQueue();
                continue;
            }
            long wait = disk.tryAcquire(head.cost());
            if (wait > 0) {
                armWakeup(wait);
                return;
            }
            waiting.removeHead(next);
            dispatch(head);
        }
    }

    private void dispatch(IoRequest<?> request) {
        IoClassStats classStats = statsOf(request.ioClass());
        classStats.dispatched(disk.timer().nanoTime() - request.enqueuedAt(), request.cost());
        inFlight.incrementAndGet();
        try {
            ioThreads.execute(request);
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            classStats.notRun();
            request.fail(new IOException("IO queue of shard " + shardId + " is shut down", e));
        }
    }

    private void failWaiting() {
        IoRequest<?> request;
        while ((request = waiting.removeAny()) != null) {
            statsOf(request.ioClass()).droppedFromQueue();
            request.fail(shutDown());
        }
    }

    /** The bucket is in debt: come back when it has paid off, unless a wake-up is already due. */
    private void armWakeup(long delayNanos) {
        if (!wakeupArmed.compareAndSet(false, true)) return;
        try {
            disk.timer().wakeAfter(delayNanos, wakeup);
        } catch (RejectedExecutionException e) {
            wakeupArmed.set(false); // the timer stopped: the runtime is closing and will fail what waits
        }
    }

    private void onWakeup() {
        wakeupArmed.set(false);
        signal();
    }

    private IoClassStats statsOf(IoClass ioClass) {
        IoClassStats[] current = stats;
        IoClassStats found = ioClass.id() < current.length ? current[ioClass.id()] : null;
        if (found == null || !waiting.knows(ioClass)) throw new IllegalArgumentException("unknown IO class " + ioClass);
        return found;
    }

    private IOException shutDown() {
        return new IOException("IO queue of shard " + shardId + " is shut down");
    }

    /** The timer of queues built without a runtime: one daemon thread for the JVM, made on first use. */
    private static final class DefaultTimer {
        static final IoTimer INSTANCE = IoTimer.on(IoTimer.newTimerThread("charybdis-io-timer"));
    }
}
