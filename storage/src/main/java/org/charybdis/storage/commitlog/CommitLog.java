package org.charybdis.storage.commitlog;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.storage.commitlog.CommitLogConfig.SyncMode;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.WriteUnavailableException;
import org.charybdis.storage.file.DiskSpace;
import org.charybdis.storage.file.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One shard's commit log: entries (opaque payloads, serialized mutations) are appended to the active segment's
 * buffer and written to its file in page-aligned group writes at the end of the reactor turn; PERIODIC mode
 * fsyncs every sync period, BATCH mode fsyncs after each batch window and acknowledges only then.
 * <p>
 * Owned by one shard thread: every method must be called there, and the returned futures complete there.
 * Replay at start-up is {@link CommitLogReplayer}'s job; do it before opening, since new segments are numbered
 * above every segment file on disk and this log never touches files it did not create.
 * <p>
 * A full disk: the segment after the active one is always prepared ahead, so when preparing one fails, writes go
 * on in the active segment while the preparation is retried in the background (after 100 ms, doubling up to 5 s,
 * and at once when a released file becomes reusable). Once the active segment is full, writes fail at once with
 * a {@link WriteUnavailableException} naming the directory and the cause, until a retry succeeds; nothing waits.
 * The log opens even when no segment can be prepared yet. The outage is logged by an {@link OutageLog}: its
 * first failure, a summary every 30 s and its end, never a line per write.
 */
public final class CommitLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);
    /** How often a commit log over its total space asks again for flushes of the same oldest segment. */
    static final long PRESSURE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A segment that could not be prepared is tried again after this, the delay doubling up to {@link #MAX_RETRY_NANOS}. */
    static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final CommitLogConfig config;
    private final Shard shard;
    private final SchedulingGroup group;
    private final CommitLogIo io;
    private final SegmentAllocator allocator;
    private final SegmentWriter writer;
    private final EntryChecksum checksum = new EntryChecksum();
    private final DurabilityWaiters waiters = new DurabilityWaiters();
    /** Callers waiting for an fsync whatever the sync mode (see {@link #awaitSynced}). */
    private final DurabilityWaiters syncWaiters = new DurabilityWaiters();
    /** Live segments, oldest first; the last one is the active one. */
    private final List<CommitLogSegment> segments = new ArrayList<>();
    private final ArrayDeque<QueuedAdd> queuedAdds = new ArrayDeque<>();
    private final Runnable pumpTask = this::pump;
    private final Runnable batchWindowEnd = this::endBatchWindow;
    private final OutageLog outage;
    /** Where an empty log stands: below every position this log will hand out, above every older one. */
    private final long startPosition;

    /** Null until the first segment is ready. */
    private CommitLogSegment active;
    /** The segment after the active one, being prepared or ready; null while a failed preparation waits for its retry. */
    private CompletableFuture<CommitLogSegment> nextSegment;
    /** Set while segments cannot be prepared: the answer to every write that needs a new segment meanwhile. */
    private WriteUnavailableException unavailable;
    private long retryDelayNanos = FIRST_RETRY_NANOS;
    private ScheduledFuture<?> retryTimer;
    private boolean pumpScheduled;
    private boolean ioInFlight;
    private boolean batchWindowOpen;
    private long syncedPosition = CommitLogPosition.NONE;
    /** The end of the last entry appended (sync markers aside), and the synced position the last marker recorded. */
    private long lastEntryEnd = CommitLogPosition.NONE;
    private long markedSyncedPosition = CommitLogPosition.NONE;
    /** A sync is due once everything up to here is written. */
    private long syncWantedUpTo = CommitLogPosition.NONE;
    private Throwable failure;
    private CompletableFuture<Void> shutdown;
    private ScheduledFuture<?> syncTimer;
    private ScheduledFuture<?> pressureTimer;
    private Consumer<Set<UUID>> pressureListener;
    private Consumer<Throwable> failureListener = error -> { };
    private long lastPressureSegment = -1;
    private long lastPressureNanos;
    private long entriesWritten;
    private long bytesWritten;
    private long syncs;
    private long syncNanos;
    /** {@link #stats()} as of the last second, for readers on other threads (metrics). */
    private volatile CommitLogStats published = CommitLogStats.EMPTY;
    private ScheduledFuture<?> publishTimer;

    /**
     * Opens the shard's commit log on the shard's thread: creates the directory, numbers segments above those on
     * disk, prepares the first segment and the next one. Replays nothing. A segment that cannot be prepared (a full
     * disk) does not fail the open: writes are refused until a background retry succeeds.
     */
    public static CompletableFuture<CommitLog> open(CommitLogConfig config, int shardId, Shard shard) {
        return open(config, shardId, shard, 1);
    }

    /**
     * Like {@link #open(CommitLogConfig, int, Shard)}, numbering segments from at least {@code minimumSegmentId}: the
     * engine passes one above every position its SSTables record, so positions keep growing even after every
     * segment was deleted (replay treats positions at or below an SSTable's bound as flushed).
     */
    public static CompletableFuture<CommitLog> open(CommitLogConfig config, int shardId, Shard shard, long minimumSegmentId) {
        SchedulingGroup group = shard.runtime().group(ShardRuntime.COMMITLOG);
        return shard.submitToAsync(shard.id(), group, () -> {
            CommitLogIo io = new CommitLogIo(shard.io());
            return io.submit(0, () -> {
                Files.createDirectories(config.directory());
                return SegmentFileName.highestSegmentId(config.directory(), shardId);
            }).thenCompose(highest -> new CommitLog(config, shardId, shard, group, io, Math.max(highest + 1, minimumSegmentId)).start());
        });
    }

    private CommitLog(CommitLogConfig config, int shardId, Shard shard, SchedulingGroup group, CommitLogIo io, long firstSegmentId) {
        this.config = config;
        this.shard = shard;
        this.group = group;
        this.io = io;
        this.allocator = new SegmentAllocator(io, config, shardId, firstSegmentId);
        this.writer = new SegmentWriter(io, (int) config.segmentSize());
        this.outage = new OutageLog(LOG, "Commit log of shard " + shardId);
        this.startPosition = CommitLogPosition.of(firstSegmentId, 0);
    }

    /**
     * Appends an entry whose mutation touches these tables; completes with its position once it is in the write
     * buffer: at once, unless the next segment is not ready yet. The payload's remaining bytes are copied before
     * this returns (its position is unchanged), so the caller may reuse it. Fails at once with a
     * {@link WriteUnavailableException} when the entry needs a new segment and none can be prepared (a full disk).
     *
     * @throws IllegalArgumentException if the payload is empty or larger than half a segment
     */
    public CompletableFuture<Long> add(ByteBuffer payload, Collection<UUID> tables) {
        assertOwnerThread();
        int length = payload.remaining();
        if (length == 0) throw new IllegalArgumentException("empty commit log entry");
        if (length > config.maxPayloadSize()) {
            throw new IllegalArgumentException("Mutation of " + length + " bytes is too large for the commit log (maximum "
                    + config.maxPayloadSize() + " bytes); raise commitlog_segment_size_in_mb to at least twice its size");
        }
        if (failure != null) return CompletableFuture.failedFuture(failed());
        if (shutdown != null) return CompletableFuture.failedFuture(new IllegalStateException("the commit log is shut down"));
        if (queuedAdds.isEmpty() && (hasRoom(length) || switchSegment())) {
            return CompletableFuture.completedFuture(append(payload, tables));
        }
        if (unavailable != null) {
            outage.refused();
            return CompletableFuture.failedFuture(unavailable);
        }
        byte[] copy = new byte[length];
        payload.get(payload.position(), copy);
        QueuedAdd queued = new QueuedAdd(ByteBuffer.wrap(copy), List.copyOf(tables), new CompletableFuture<>());
        queuedAdds.addLast(queued); // the segment being prepared places it
        return queued.future;
    }

    /**
     * Completes when the entry ending at this position is as durable as the sync mode promises: BATCH, fsynced;
     * PERIODIC, written to the file (it survives the process being killed, not a power loss).
     */
    public CompletableFuture<Void> awaitDurable(long position) {
        assertOwnerThread();
        if (position <= durablePosition()) return CompletableFuture.completedFuture(null);
        if (failure != null) return CompletableFuture.failedFuture(failed());
        if (position > endPosition()) {
            throw new IllegalArgumentException("position " + CommitLogPosition.toString(position) + " is beyond the end of the commit log");
        }
        return waiters.add(position);
    }

    /**
     * Completes once everything appended so far is fsynced, whatever the sync mode: PERIODIC waits for the next periodic
     * sync and forces none (for what must survive a power loss but holds no client up: forwarded view updates).
     */
    public CompletableFuture<Void> awaitSynced() {
        assertOwnerThread();
        long position = endPosition();
        if (position <= syncedPosition) return CompletableFuture.completedFuture(null);
        if (failure != null) return CompletableFuture.failedFuture(failed());
        return syncWaiters.add(position);
    }

    /** Appends and completes with the position once the entry is durable (see {@link #awaitDurable}). */
    public CompletableFuture<Long> addDurable(ByteBuffer payload, Collection<UUID> tables) {
        return add(payload, tables).thenCompose(position -> awaitDurable(position).thenApply(v -> position));
    }

    /**
     * The table's memtable holding everything up to this position has been flushed: the table is clean in every
     * segment before it, and in the position's own segment if its last entry there is covered. Segments left
     * clean, except the active one, are released (reused or deleted) in the background.
     */
    public void discardCompletedSegments(UUID table, long upToPosition) {
        assertOwnerThread();
        for (CommitLogSegment segment : segments) segment.markClean(table, upToPosition);
        schedulePump();
    }

    /**
     * Called once, on the shard's thread, when a write or fsync of the log fails: from then on the log refuses
     * entries (the node's {@code commit_failure_policy} may do more).
     */
    public void setFailureListener(Consumer<Throwable> listener) {
        assertOwnerThread();
        this.failureListener = listener;
    }

    /**
     * Called with the tables dirty in the oldest segment while live segments take more than the total space,
     * so the engine flushes them; called again at most once a second while the same segment stays oldest.
     */
    public void setPressureListener(Consumer<Set<UUID>> listener) {
        assertOwnerThread();
        this.pressureListener = listener;
    }

    /** The position after the last entry appended. */
    public long currentPosition() {
        assertOwnerThread();
        return endPosition();
    }

    public CommitLogStats stats() {
        assertOwnerThread();
        long pending = 0;
        for (CommitLogSegment segment : segments) pending += segment.unwrittenBytes();
        return new CommitLogStats(segments.size(), (long) allocator.files() * config.segmentSize(), entriesWritten,
                bytesWritten, io.writeRequests(), syncs, syncNanos, pending, queuedAdds.size(), waiters.size(), allocator.recycled());
    }

    /** {@link #stats()} as the shard published it at most a second ago; any thread. */
    public CommitLogStats publishedStats() {
        return published;
    }

    /**
     * Drains: writes and fsyncs everything appended (including adds waiting for a segment), then closes the
     * files, which stay on disk for replay unless every table was flushed past them. Adds made after this fail.
     * Idempotent.
     */
    public CompletableFuture<Void> shutdown() {
        assertOwnerThread();
        if (shutdown == null) {
            shutdown = new CompletableFuture<>();
            if (syncTimer != null) syncTimer.cancel(false);
            pressureTimer.cancel(false);
            publishTimer.cancel(false);
            if (retryTimer != null) retryTimer.cancel(false);
            if (failure != null) closeFiles(failure);
            else schedulePump();
        }
        return shutdown;
    }

    /** Starts {@link #shutdown()} without waiting for it; on the owning shard thread only. */
    @Override
    public void close() {
        shutdown();
    }

    /** The IO path, for tests that watch the write requests. */
    CommitLogIo io() { return io; }

    /** Starts the timers and prepares the first segment; completes after the first attempt, whether it worked or not. */
    private CompletableFuture<CommitLog> start() {
        if (config.syncMode() == SyncMode.PERIODIC) {
            long period = config.syncPeriod().toNanos();
            syncTimer = shard.scheduleAtFixedRate(group, period, period, TimeUnit.NANOSECONDS, this::periodicSync);
        }
        pressureTimer = shard.scheduleAtFixedRate(group, PRESSURE_RETRY_NANOS, PRESSURE_RETRY_NANOS,
                TimeUnit.NANOSECONDS, this::checkPressure);
        publishTimer = shard.scheduleAtFixedRate(group, 0, 1, TimeUnit.SECONDS, () -> published = stats());
        allocator.setPoolListener(() -> shard.execute(group, this::retryNow));
        return prepareNext().thenApply(ignored -> this);
    }

    private long append(ByteBuffer payload, Collection<UUID> tables) {
        int end = active.append(payload, checksum.header(active.id(), payload.remaining()), checksum.payload(payload), tables);
        entriesWritten++;
        bytesWritten += CommitLogSegment.ENTRY_HEADER_SIZE + payload.remaining();
        long position = CommitLogPosition.of(active.id(), end);
        lastEntryEnd = position;
        if (config.syncMode() == SyncMode.BATCH) requestBatchSync(position);
        schedulePump();
        return position;
    }

    private boolean hasRoom(int payloadLength) {
        return active != null && active.hasRoom(payloadLength);
    }

    /** The active segment is full (or there is none yet): switches to the prepared one if it is ready. */
    private boolean switchSegment() {
        if (active != null) {
            active.markFull();
            schedulePump();
        }
        if (nextSegment == null || !nextSegment.isDone() || nextSegment.isCompletedExceptionally()) return false;
        activate(nextSegment.join());
        prepareNext();
        shard.execute(group, this::checkPressure); // not inside the caller's add
        return true;
    }

    private void activate(CommitLogSegment segment) {
        segments.add(segment);
        active = segment;
    }

    /** Starts preparing the segment after the active one; completes once its outcome is handled by {@link #prepared}. */
    private CompletableFuture<Void> prepareNext() {
        CompletableFuture<CommitLogSegment> preparing = allocator.prepare();
        nextSegment = preparing;
        return preparing.handle((segment, error) -> {
            prepared(preparing, error);
            return null;
        });
    }

    /** A preparation ended: a ready segment ends an outage and takes the waiting adds; a failed one is retried later. */
    private void prepared(CompletableFuture<CommitLogSegment> preparing, Throwable error) {
        if (error != null) {
            if (nextSegment == preparing) nextSegment = null;
            cannotPrepare(AsyncLoop.unwrap(error));
            return;
        }
        if (unavailable != null) {
            unavailable = null;
            retryDelayNanos = FIRST_RETRY_NANOS;
            outage.recovered();
        }
        if (nextSegment != preparing || failure != null || (shutdown != null && queuedAdds.isEmpty())) return;
        if (active == null) switchSegment();
        placeQueuedAdds();
    }

    /** No segment could be prepared: the waiting adds fail, later ones fail at once, and a retry is scheduled. */
    private void cannotPrepare(Throwable cause) {
        if (failure != null || SegmentAllocator.isShardStopping(cause)) return; // fail() answered the waiting adds
        String where = DiskSpace.describe(cause, config.directory());
        String size = sizeText(config.segmentSize());
        unavailable = new WriteUnavailableException("Cannot write to the commit log: " + where + " (a " + size
                + " segment could not be prepared); writes resume once "
                + (DiskSpace.isOutOfSpace(cause) ? "space is freed" : "a segment can be prepared"), cause);
        outage.failed("cannot prepare a " + size + " segment: " + where, active != null && !active.isFull()
                ? "writes go on in the current segment and are refused once it is full; retrying in the background"
                : "writes are refused until this works; retrying in the background", cause);
        if (shutdown == null) scheduleRetry();
        QueuedAdd queued;
        while ((queued = queuedAdds.pollFirst()) != null) {
            outage.refused();
            queued.future.completeExceptionally(unavailable);
        }
        schedulePump();
    }

    private void scheduleRetry() {
        long delay = retryDelayNanos;
        retryDelayNanos = Math.min(MAX_RETRY_NANOS, retryDelayNanos * 2);
        retryTimer = shard.schedule(group, delay, TimeUnit.NANOSECONDS, this::retryPreparation);
    }

    private void retryPreparation() {
        retryTimer = null;
        if (nextSegment == null && failure == null && shutdown == null) prepareNext();
    }

    /** A released file became reusable: a waiting retry goes now, since reusing the file needs no new space. */
    private void retryNow() {
        if (retryTimer == null) return;
        retryTimer.cancel(false);
        retryPreparation();
    }

    private void placeQueuedAdds() {
        QueuedAdd queued;
        while ((queued = queuedAdds.peekFirst()) != null) {
            if (!hasRoom(queued.payload.remaining()) && !switchSegment()) return; // the segment being prepared takes the rest
            queuedAdds.pollFirst();
            queued.future.complete(append(queued.payload, queued.tables));
        }
    }

    /** "32 MiB", "64 KiB": a segment size as configured. */
    private static String sizeText(long bytes) {
        if (bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
        return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    private void requestBatchSync(long position) {
        if (config.batchWindow().isZero()) {
            syncWantedUpTo = position;
        } else if (!batchWindowOpen) {
            batchWindowOpen = true;
            shard.schedule(group, config.batchWindow().toNanos(), TimeUnit.NANOSECONDS, batchWindowEnd);
        }
    }

    private void endBatchWindow() {
        batchWindowOpen = false;
        syncWantedUpTo = endPosition();
        pump();
    }

    private void periodicSync() {
        syncWantedUpTo = endPosition();
        pump();
    }

    private void schedulePump() {
        if (pumpScheduled) return;
        pumpScheduled = true;
        shard.execute(group, pumpTask);
    }

    /**
     * Moves the disk work along, one operation at a time so that writes, syncs and releases never race on a
     * file: a due sync first (once what it must cover is written), then pending writes, then releases, then the
     * end of a shutdown.
     */
    private void pump() {
        pumpScheduled = false;
        if (ioInFlight || failure != null) return;
        if (shutdown != null) syncWantedUpTo = endPosition();
        CommitLogSegment unwritten = firstUnwritten();
        long written = writtenPosition(unwritten);
        CommitLogSegment releasable;
        if (syncedPosition < syncWantedUpTo && written >= syncWantedUpTo) {
            run(() -> syncWritten(written));
        } else if (unwritten != null) {
            run(() -> writer.writePending(unwritten).thenRun(this::afterWrite));
        } else if ((releasable = firstReleasable()) != null) {
            segments.remove(releasable);
            run(() -> allocator.release(releasable));
        } else if (shutdown != null && !shutdown.isDone() && queuedAdds.isEmpty()) {
            closeFiles(null);
        }
    }

    /** Runs one disk operation; one that throws as it starts fails the log like one that fails later. */
    private void run(java.util.function.Supplier<CompletableFuture<Void>> operation) {
        ioInFlight = true;
        CompletableFuture<Void> started;
        try {
            started = operation.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((v, error) -> {
            ioInFlight = false;
            if (error != null) fail(error);
            else pump();
        });
    }

    private void afterWrite() {
        if (config.syncMode() == SyncMode.PERIODIC) waiters.completeUpTo(writtenPosition(firstUnwritten()));
    }

    /** fsyncs every segment with written but unsynced bytes; covers everything up to the written position. */
    private CompletableFuture<Void> syncWritten(long written) {
        long start = System.nanoTime();
        List<CommitLogSegment> toSync = new ArrayList<>(2);
        for (CommitLogSegment segment : segments) {
            if (segment.hasUnsyncedData()) toSync.add(segment);
        }
        CompletableFuture<?>[] requests = new CompletableFuture<?>[toSync.size()];
        for (int i = 0; i < requests.length; i++) requests[i] = io.sync(toSync.get(i).channel(), false);
        return CompletableFuture.allOf(requests).thenRun(() -> {
            for (CommitLogSegment segment : toSync) segment.markSynced();
            if (!toSync.isEmpty()) {
                syncs++;
                syncNanos += System.nanoTime() - start;
            }
            syncedPosition = Math.max(syncedPosition, written);
            if (config.syncMode() == SyncMode.BATCH) waiters.completeUpTo(syncedPosition);
            syncWaiters.completeUpTo(syncedPosition);
            appendSyncMarker();
        });
    }

    /**
     * Records in the log how far it is fsynced, once entries were synced that no marker covers yet, so that
     * replay can tell damaged durable entries from a torn tail. The marker is written with the next write
     * (at once when the log is idle) and needs no fsync of its own.
     */
    private void appendSyncMarker() {
        long covered = Math.min(syncedPosition, lastEntryEnd);
        if (covered <= markedSyncedPosition || !active.hasRoomForSyncMarker()) return;
        active.appendSyncMarker(syncedPosition, checksum.marker(active.id(), syncedPosition));
        markedSyncedPosition = syncedPosition;
    }

    private CommitLogSegment firstUnwritten() {
        for (CommitLogSegment segment : segments) {
            if (segment.hasUnwrittenData()) return segment;
        }
        return null;
    }

    /** Everything before this position is in the files: up to the first segment's unwritten bytes, or all. */
    private long writtenPosition(CommitLogSegment firstUnwritten) {
        return firstUnwritten == null ? endPosition()
                : CommitLogPosition.of(firstUnwritten.id(), firstUnwritten.writtenBytes());
    }

    private long durablePosition() {
        return config.syncMode() == SyncMode.BATCH ? syncedPosition : writtenPosition(firstUnwritten());
    }

    /**
     * The first segment nothing needs any more. The active one qualifies only once the log shuts down with every entry
     * written and every table flushed past it (a drain): released, it is not replayed at the next start.
     */
    private CommitLogSegment firstReleasable() {
        for (CommitLogSegment segment : segments) {
            if (segment != active ? segment.isReleasable() : shutdown != null && queuedAdds.isEmpty() && segment.isSpent()) return segment;
        }
        return null;
    }

    private void checkPressure() {
        if (pressureListener == null || failure != null || shutdown != null) return;
        if ((long) segments.size() * config.segmentSize() <= config.totalSpace()) return;
        CommitLogSegment oldest = segments.getFirst();
        if (oldest == active || oldest.isClean()) return;
        long now = System.nanoTime();
        if (oldest.id() == lastPressureSegment && now - lastPressureNanos < PRESSURE_RETRY_NANOS) return;
        lastPressureSegment = oldest.id();
        lastPressureNanos = now;
        Set<UUID> dirty = oldest.dirtyTables();
        LOG.debug("Commit log over {} bytes: asking to flush {} tables dirty in {}", config.totalSpace(), dirty.size(), oldest);
        try {
            pressureListener.accept(dirty);
        } catch (RuntimeException e) {
            LOG.warn("Commit log pressure listener failed", e);
        }
    }

    /** A disk operation failed: nothing appended later can be made durable, so every waiter fails. */
    private void fail(Throwable error) {
        failure = error;
        LOG.error("Commit log write failed; the commit log stops accepting entries", error);
        Throwable cause = failed();
        waiters.failAll(cause);
        syncWaiters.failAll(cause);
        QueuedAdd queued;
        while ((queued = queuedAdds.pollFirst()) != null) queued.future.completeExceptionally(cause);
        if (shutdown != null && !shutdown.isDone()) closeFiles(failure);
        try {
            failureListener.accept(error);
        } catch (RuntimeException e) {
            LOG.warn("Commit log failure listener failed", e);
        }
    }

    private Throwable failed() {
        return new IllegalStateException("the commit log failed", failure);
    }

    /** Closes live, prepared and pooled files; completes the shutdown (exceptionally after a failure). */
    private void closeFiles(Throwable cause) {
        ioInFlight = true;
        List<CompletableFuture<?>> closes = new ArrayList<>();
        for (CommitLogSegment segment : segments) closes.add(io.close(segment.channel()));
        if (nextSegment != null) {
            closes.add(nextSegment.handle((segment, error) -> segment)
                    .thenCompose(segment -> segment == null ? CompletableFuture.completedFuture(null) : io.close(segment.channel())));
        }
        closes.add(allocator.closePool());
        CompletableFuture.allOf(closes.toArray(CompletableFuture<?>[]::new)).whenComplete((v, error) -> {
            if (cause != null) shutdown.completeExceptionally(failed());
            else if (error != null) shutdown.completeExceptionally(error);
            else shutdown.complete(null);
        });
    }

    private long endPosition() {
        return active == null ? startPosition : CommitLogPosition.of(active.id(), active.dataEnd());
    }

    private void assertOwnerThread() {
        if (Shard.current() != shard) {
            throw new IllegalStateException("the commit log of " + shard + " is used from " + Thread.currentThread().getName());
        }
    }

    private record QueuedAdd(ByteBuffer payload, List<UUID> tables, CompletableFuture<Long> future) { }
}
