package org.charybdis.storage.commitlog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one shard's commit log is laid out and made durable (scylla.yaml: {@code commitlog_directory},
 * {@code commitlog_segment_size_in_mb}, {@code commitlog_sync}, {@code commitlog_sync_period_in_ms},
 * {@code commitlog_sync_batch_window_in_ms}, {@code commitlog_total_space_in_mb}; {@code commitlog_replay_errors}).
 *
 * @param directory   where the segment files live (shared by all shards: file names carry the shard id)
 * @param segmentSize size of every pre-allocated segment file, a multiple of 4 KiB
 * @param syncMode    when an entry counts as durable
 * @param syncPeriod  PERIODIC: how often the written segments are fsynced
 * @param batchWindow BATCH: how long writes are gathered before one fsync covers them all (0 = at once)
 * @param totalSpace  above this many bytes of live segments, the pressure listener is asked to flush tables
 * @param replayErrors what start-up does when replay finds damage to entries that were fsynced
 */
public record CommitLogConfig(Path directory, long segmentSize, SyncMode syncMode, Duration syncPeriod,
                              Duration batchWindow, long totalSpace, ReplayErrors replayErrors) {
    /** PERIODIC: acknowledged once written to the file, fsynced every period. BATCH: acknowledged once fsynced. */
    public enum SyncMode { PERIODIC, BATCH }

    /**
     * STOP: a shard whose commit log has damaged durable entries does not start, so that no acknowledged write
     * is lost silently. IGNORE: it replays every intact entry, logs the damage and keeps the damaged segments.
     */
    public enum ReplayErrors { STOP, IGNORE }

    public static final long DEFAULT_SEGMENT_SIZE = 32L << 20;
    /** Segments hold positions' offsets in 32 bits and must fit at least two pages. */
    public static final long MAX_SEGMENT_SIZE = 1L << 30;
    public static final long MIN_SEGMENT_SIZE = 2L * CommitLogSegment.PAGE_SIZE;

    public CommitLogConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(syncMode, "syncMode");
        Objects.requireNonNull(syncPeriod, "syncPeriod");
        Objects.requireNonNull(batchWindow, "batchWindow");
        Objects.requireNonNull(replayErrors, "replayErrors");
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE || segmentSize % CommitLogSegment.PAGE_SIZE != 0) {
            throw new IllegalArgumentException("commit log segment size must be a multiple of 4096 between "
                    + MIN_SEGMENT_SIZE + " and " + MAX_SEGMENT_SIZE + " bytes: " + segmentSize);
        }
        if (syncPeriod.isNegative() || syncPeriod.isZero()) throw new IllegalArgumentException("syncPeriod must be positive: " + syncPeriod);
        if (batchWindow.isNegative()) throw new IllegalArgumentException("batchWindow must not be negative: " + batchWindow);
        if (totalSpace < segmentSize) {
            throw new IllegalArgumentException("commit log total space " + totalSpace + " is below one segment (" + segmentSize + ")");
        }
    }

    /** 32 MiB segments, periodic sync every 10 s, 2 ms batch window, 8 GiB total. */
    public static CommitLogConfig defaults(Path directory) {
        return new CommitLogConfig(directory, DEFAULT_SEGMENT_SIZE, SyncMode.PERIODIC, Duration.ofSeconds(10),
                Duration.ofMillis(2), 8L << 30, ReplayErrors.STOP);
    }

    public CommitLogConfig withSegmentSize(long newSegmentSize) {
        return new CommitLogConfig(directory, newSegmentSize, syncMode, syncPeriod, batchWindow, totalSpace, replayErrors);
    }

    public CommitLogConfig withSyncMode(SyncMode newSyncMode) {
        return new CommitLogConfig(directory, segmentSize, newSyncMode, syncPeriod, batchWindow, totalSpace, replayErrors);
    }

    public CommitLogConfig withSyncPeriod(Duration newSyncPeriod) {
        return new CommitLogConfig(directory, segmentSize, syncMode, newSyncPeriod, batchWindow, totalSpace, replayErrors);
    }

    public CommitLogConfig withBatchWindow(Duration newBatchWindow) {
        return new CommitLogConfig(directory, segmentSize, syncMode, syncPeriod, newBatchWindow, totalSpace, replayErrors);
    }

    public CommitLogConfig withTotalSpace(long newTotalSpace) {
        return new CommitLogConfig(directory, segmentSize, syncMode, syncPeriod, batchWindow, newTotalSpace, replayErrors);
    }

    public CommitLogConfig withReplayErrors(ReplayErrors newReplayErrors) {
        return new CommitLogConfig(directory, segmentSize, syncMode, syncPeriod, batchWindow, totalSpace, newReplayErrors);
    }

    /** The largest entry payload accepted: an entry, with its header, may fill at most half a segment. */
    public int maxPayloadSize() {
        return (int) (segmentSize / 2) - CommitLogSegment.ENTRY_HEADER_SIZE;
    }
}
