package org.charybdis.scheduler.io;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One disk request: waits in its shard's {@link FairQueue}, runs on an IO thread, then travels back to the
 * calling shard and completes there in the caller's scheduling group (off-shard callers: on the IO thread).
 * One object is the queue entry, the IO-thread task, the completion task and the caller's future, so a request
 * allocates once besides the caller's own task.
 */
final class IoRequest<T> extends CompletableFuture<T> implements Runnable, Consumer<Throwable> {
    private final IoQueue queue;
    private final IoClass ioClass;
    private final boolean write;
    private final long bytes;
    private final long cost;
    private final IoTask<T> task;
    private final Shard caller;
    private final SchedulingGroup callerGroup;
    private final long enqueuedAt;

    // Written by the IO thread before the hand-off back to the caller's shard, which publishes them.
    private boolean finished;
    private T value;
    private Throwable failure;

    IoRequest(IoQueue queue, IoClass ioClass, boolean write, long bytes, long cost, IoTask<T> task, Shard caller,
              SchedulingGroup callerGroup, long enqueuedAt) {
        this.queue = queue;
        this.ioClass = ioClass;
        this.write = write;
        this.bytes = bytes;
        this.cost = cost;
        this.task = task;
        this.caller = caller;
        this.callerGroup = callerGroup;
        this.enqueuedAt = enqueuedAt;
    }

    IoClass ioClass() { return ioClass; }

    /** Writes, syncs and file operations; false for reads. */
    boolean write() { return write; }

    long bytes() { return bytes; }

    /** Nanoseconds of disk time the request is charged. */
    long cost() { return cost; }

    long enqueuedAt() { return enqueuedAt; }

    /** First on the IO thread (does the work), then on the caller's shard (completes the future). */
    @Override
    public void run() {
        if (finished) {
            completeHere();
            return;
        }
        try {
            value = task.run();
        } catch (Throwable t) {
            failure = t;
        }
        finished = true;
        queue.finished(this, failure == null);
        deliver();
        queue.signal(); // after delivering, so the caller hears back before this thread dispatches more
    }

    /** Completes without running the task (queue shut down, IO threads refusing work). */
    void fail(Throwable cause) {
        failure = cause;
        finished = true;
        deliver();
    }

    /** The caller's shard dropped the completion while shutting down. */
    @Override
    public void accept(Throwable dropped) {
        completeExceptionally(failure != null ? failure : dropped);
    }

    private void deliver() {
        if (caller == null) {
            completeHere();
            return;
        }
        try {
            caller.execute(callerGroup, this, this);
        } catch (RejectedExecutionException e) {
            accept(e);
        }
    }

    private void completeHere() {
        if (failure != null) completeExceptionally(failure);
        else complete(value);
    }
}
