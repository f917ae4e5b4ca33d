package org.charybdis.storage.commitlog;

import org.charybdis.storage.file.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import static org.charybdis.storage.commitlog.CommitLogSegment.MAX_REQUEST_SIZE;
import static org.charybdis.storage.commitlog.CommitLogSegment.PAGE_SIZE;

/**
 * Makes segment files ready before they are needed and takes back released ones: a new segment reuses a
 * released file from a small pool when there is one, otherwise a new file is written full of zeros (not a
 * sparse extension, so later writes never allocate). A new file is only started when the file system has room
 * for all of it; one that fails anyway (a full disk) is deleted at once, so a failed preparation takes no space.
 * Failures are the caller's to report. Owned by the shard thread.
 */
final class SegmentAllocator {
    /** Released files kept for reuse; more are deleted. */
    static final int RECYCLE_POOL_SIZE = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentAllocator.class);
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(MAX_REQUEST_SIZE).asReadOnlyBuffer();

    private final CommitLogIo io;
    private final Path directory;
    private final int shardId;
    private final int segmentSize;
    private final long totalSpace;
    private final ArrayDeque<PooledFile> pool = new ArrayDeque<>();
    private long nextSegmentId;
    private Runnable poolListener = () -> { };
    /** Segment files this commit log has on disk: live, being prepared, prepared and pooled. */
    private int files;
    private long recycled;

    SegmentAllocator(CommitLogIo io, CommitLogConfig config, int shardId, long firstSegmentId) {
        this.io = io;
        this.directory = config.directory();
        this.shardId = shardId;
        this.segmentSize = (int) config.segmentSize();
        this.totalSpace = config.totalSpace();
        this.nextSegmentId = firstSegmentId;
    }

    /** Prepares the next segment: its id is the next one, its header page written and synced, its file full size. */
    CompletableFuture<CommitLogSegment> prepare() {
        long id = nextSegmentId++;
        if (id > CommitLogPosition.MAX_SEGMENT_ID) {
            return CompletableFuture.failedFuture(new IllegalStateException("commit log segment ids exhausted"));
        }
        Path path = SegmentFileName.of(shardId, id).in(directory);
        ByteBuffer headerPage = ByteBuffer.allocateDirect(PAGE_SIZE);
        SegmentHeader.current(shardId, id).writeTo(headerPage);
        ByteBuffer header = headerPage.duplicate().flip();
        headerPage.clear();
        PooledFile reused = pool.pollFirst();
        CompletableFuture<FileChannel> ready = reused != null ? reuse(reused, path, headerPage) : create(path, headerPage);
        return ready.thenApply(channel -> new CommitLogSegment(id, path, channel, segmentSize, header));
    }

    /**
     * Takes back a segment nothing needs: its header is zeroed (so it never replays) and it joins the pool, or,
     * when the pool is full or the files exceed the total space, it is closed and deleted.
     */
    CompletableFuture<Void> release(CommitLogSegment segment) {
        FileChannel channel = segment.channel();
        if (pool.size() < RECYCLE_POOL_SIZE && (long) files * segmentSize <= totalSpace) {
            return io.write(channel, zeros(PAGE_SIZE), 0)
                    .thenCompose(v -> io.sync(channel, false))
                    .thenRun(() -> {
                        pool.addLast(new PooledFile(segment.path(), channel));
                        poolListener.run();
                    });
        }
        return io.close(channel).thenCompose(v -> io.delete(segment.path())).thenRun(() -> files--);
    }

    /** Called each time a released file joins the pool: a segment can then be prepared without new space. */
    void setPoolListener(Runnable listener) { this.poolListener = listener; }

    /** Segment files on disk owned by this commit log. */
    int files() { return files; }

    /** Segments made from a reused file so far. */
    long recycled() { return recycled; }

    /** Closes the pooled files (they stay on disk, with zeroed headers). */
    CompletableFuture<Void> closePool() {
        CompletableFuture<?>[] closes = pool.stream().map(f -> io.close(f.channel)).toArray(CompletableFuture<?>[]::new);
        pool.clear();
        return CompletableFuture.allOf(closes);
    }

    /**
     * Renamed first, header second: a crash in between leaves a file whose zeroed header says "blank". The other
     * order could leave the new header under the old name, which replay would read as a damaged header over the
     * old segment's intact (and long flushed) entries.
     */
    private CompletableFuture<FileChannel> reuse(PooledFile file, Path path, ByteBuffer headerPage) {
        recycled++;
        return io.move(file.path, path)
                .thenCompose(v -> io.syncDirectory(directory))
                .thenCompose(v -> io.write(file.channel, headerPage, 0))
                .thenCompose(v -> io.sync(file.channel, false))
                .thenApply(v -> file.channel)
                .whenComplete((channel, error) -> {
                    if (error != null) abandon(file.channel, error, file.path, path);
                });
    }

    private CompletableFuture<FileChannel> create(Path path, ByteBuffer headerPage) {
        files++;
        CompletableFuture<FileChannel> created = new CompletableFuture<>();
        io.submit(0, () -> {
                    DiskSpace.requireUsable(directory, segmentSize);
                    return null;
                })
                .thenCompose(v -> io.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE))
                .whenComplete((channel, error) -> {
                    if (error != null) {
                        files--;
                        created.completeExceptionally(error);
                        return;
                    }
                    io.write(channel, headerPage, 0)
                            .thenCompose(v -> zeroFill(channel, PAGE_SIZE))
                            .thenCompose(v -> io.sync(channel, true))
                            .thenCompose(v -> io.syncDirectory(directory))
                            .whenComplete((v, failure) -> {
                                if (failure == null) {
                                    created.complete(channel);
                                } else {
                                    abandon(channel, failure, path);
                                    created.completeExceptionally(failure);
                                }
                            });
                });
        return created;
    }

    /** Writes zeros from the offset to the end of the segment, one request after the other. */
    private CompletableFuture<Void> zeroFill(FileChannel channel, long from) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        zeroFillStep(channel, from, done);
        return done;
    }

    private void zeroFillStep(FileChannel channel, long from, CompletableFuture<Void> done) {
        if (from >= segmentSize) {
            done.complete(null);
            return;
        }
        int length = (int) Math.min(MAX_REQUEST_SIZE, segmentSize - from);
        io.write(channel, zeros(length), from).whenComplete((v, error) -> {
            if (error != null) done.completeExceptionally(error);
            else zeroFillStep(channel, from + length, done);
        });
    }

    /** A file that failed to become a segment: closed and deleted under whichever name it has, so it takes no space. */
    private void abandon(FileChannel channel, Throwable cause, Path... names) {
        if (isShardStopping(cause)) {
            LOG.debug("Shard stopped while commit log segment {} was being prepared", names[names.length - 1]);
            return;
        }
        LOG.debug("Could not prepare commit log segment {}: {}", names[names.length - 1], cause.toString());
        CompletableFuture<Void> deleted = io.close(channel);
        for (Path name : names) deleted = deleted.thenCompose(v -> io.delete(name));
        deleted.whenComplete((v, error) -> {
            if (error == null) files--;
            else LOG.warn("Could not delete the unusable commit log segment {}", names[names.length - 1], error);
        });
    }

    /** The runtime is closing under us (a test, or a kill): nothing to clean up or report. */
    static boolean isShardStopping(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RejectedExecutionException) return true;
        }
        return false;
    }

    private static ByteBuffer zeros(int length) {
        return ZEROS.duplicate().limit(length);
    }

    private record PooledFile(Path path, FileChannel channel) { }
}
