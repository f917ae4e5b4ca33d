package org.charybdis.storage.commitlog;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.scheduler.io.IoTask;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * The commit log's way to the disk: every file operation goes through the shard's IO queue in the COMMITLOG
 * class, and every write is checked to be 4 KiB aligned and at most 128 KiB long.
 */
final class CommitLogIo {
    /** Sees every write request as it is issued (tests check the alignment through it). */
    @FunctionalInterface
    interface WriteObserver {
        void onWrite(long offset, int length);
    }

    private final IoQueue queue;
    private WriteObserver observer;
    private long writeRequests;

    CommitLogIo(IoQueue queue) {
        this.queue = queue;
    }

    void setWriteObserver(WriteObserver observer) { this.observer = observer; }

    long writeRequests() { return writeRequests; }

    CompletableFuture<Void> write(FileChannel channel, ByteBuffer src, long offset) {
        int length = src.remaining();
        if (offset % CommitLogSegment.PAGE_SIZE != 0 || length % CommitLogSegment.PAGE_SIZE != 0
                || length == 0 || length > CommitLogSegment.MAX_REQUEST_SIZE) {
            throw new IllegalArgumentException("unaligned commit log write of " + length + " bytes at " + offset);
        }
        writeRequests++;
        if (observer != null) observer.onWrite(offset, length);
        return queue.write(channel, src, offset, IoClass.COMMITLOG);
    }

    /** Reads until dst is full or the file ends; completes with the bytes read. */
    CompletableFuture<Integer> read(FileChannel channel, ByteBuffer dst, long offset) {
        return queue.read(channel, dst, offset, IoClass.COMMITLOG);
    }

    /** fdatasync, or fsync with metadata (for a file whose size changed). */
    CompletableFuture<Void> sync(FileChannel channel, boolean metadata) {
        return queue.sync(channel, metadata, IoClass.COMMITLOG);
    }

    CompletableFuture<FileChannel> open(Path path, OpenOption... options) {
        return submit(0, () -> FileChannel.open(path, options));
    }

    CompletableFuture<Void> close(FileChannel channel) {
        return submit(0, () -> {
            channel.close();
            return null;
        });
    }

    CompletableFuture<Void> move(Path from, Path to) {
        return submit(0, () -> {
            Files.move(from, to);
            return null;
        });
    }

    CompletableFuture<Void> delete(Path path) {
        return submit(0, () -> {
            Files.deleteIfExists(path);
            return null;
        });
    }

    /** Makes file creations, renames and deletions in the directory durable. */
    CompletableFuture<Void> syncDirectory(Path directory) {
        return submit(0, () -> {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
            return null;
        });
    }

    <T> CompletableFuture<T> submit(long bytes, IoTask<T> task) {
        return queue.submit(IoClass.COMMITLOG, bytes, task);
    }
}
