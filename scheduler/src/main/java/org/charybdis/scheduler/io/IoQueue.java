package org.charybdis.scheduler.io;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One shard's disk queue: every read, write, sync and metadata operation of the shard's storage goes through
 * it with an {@link IoClass}, runs on an IO thread (never on the shard thread), and completes back on the
 * calling shard, in the scheduling group the caller was running in. Callers off any shard (tests, start-up
 * code) get their completion on the IO thread.
 * <p>
 * Buffers handed to a request belong to the queue until its future completes.
 */
public final class IoQueue {
    private final int shardId;
    private final Executor ioThreads;

    public IoQueue(int shardId, Executor ioThreads) {
        this.shardId = shardId;
        this.ioThreads = Objects.requireNonNull(ioThreads, "ioThreads");
    }

    public int shardId() { return shardId; }

    /**
     * Reads from {@code position} until {@code dst} is full; completes with the number of bytes read, which is
     * short only at the end of the file.
     */
    public CompletableFuture<Integer> read(FileChannel channel, ByteBuffer dst, long position, IoClass ioClass) {
        return submit(ioClass, dst.remaining(), () -> {
            int total = 0;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, position + total);
                if (n < 0) break;
                total += n;
            }
            return total;
        });
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
        return submit(ioClass, src.remaining(), () -> {
            long at = position;
            while (src.hasRemaining()) at += channel.write(src, at);
            return null;
        });
    }

    /** fsync (metadata true) or fdatasync (false). */
    public CompletableFuture<Void> sync(FileChannel channel, boolean metadata, IoClass ioClass) {
        return submit(ioClass, 0, () -> {
            channel.force(metadata);
            return null;
        });
    }

    /** Runs any other blocking file operation; {@code bytes} is what it moves, for the scheduler's accounting. */
    public <T> CompletableFuture<T> submit(IoClass ioClass, long bytes, IoTask<T> task) {
        Objects.requireNonNull(ioClass, "ioClass");
        Shard caller = Shard.current();
        SchedulingGroup group = caller == null ? null : caller.currentGroup();
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            ioThreads.execute(() -> {
                T value = null;
                Throwable failure = null;
                try {
                    value = task.run();
                } catch (Throwable t) {
                    failure = t;
                }
                complete(future, caller, group, value, failure);
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new IOException("IO queue of shard " + shardId + " is shut down", e));
        }
        return future;
    }

    private static <T> void complete(CompletableFuture<T> future, Shard caller, SchedulingGroup group, T value, Throwable failure) {
        Runnable completion = () -> {
            if (failure != null) future.completeExceptionally(failure);
            else future.complete(value);
        };
        if (caller == null) {
            completion.run();
            return;
        }
        try {
            caller.execute(group, completion);
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(e);
        }
    }
}
