package org.charybdis.storage.commitlog;

import org.charybdis.scheduler.io.IoQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Replays a shard's commit log at start-up: every segment file of the shard, oldest first, each entry's
 * checksums verified, every intact entry replayed even after damage. Damage that a later sync marker shows was
 * fsynced is reported as such ({@link ReplayResult.Damage#synced}): what to do about it is the caller's
 * decision. Other damage is the torn tail of a crash and only logged at debug level.
 * <p>
 * Replay before {@link CommitLog#open}; once the replayed data is flushed, delete the files with
 * {@link ReplayResult#deleteReplayed}. The handler runs on the thread that called (a shard thread) or, off any
 * shard, on the IO threads, one call at a time.
 */
public final class CommitLogReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(CommitLogReplayer.class);

    private final CommitLogIo io;
    private final int shardId;
    private final ReplayHandler handler;
    private final List<SegmentFileName.Found> files;
    private final CompletableFuture<ReplayResult> result = new CompletableFuture<>();
    private final List<FoundDamage> damages = new ArrayList<>();
    private long entries;
    private long maxSyncedPosition = CommitLogPosition.NONE;
    private long lastPosition = CommitLogPosition.NONE;
    private int next;

    public static CompletableFuture<ReplayResult> replay(Path directory, int shardId, IoQueue io, ReplayHandler handler) {
        CommitLogIo commitLogIo = new CommitLogIo(io);
        return commitLogIo.submit(0, () -> SegmentFileName.list(directory, shardId))
                .thenCompose(files -> new CommitLogReplayer(commitLogIo, shardId, handler, files).start());
    }

    private CommitLogReplayer(CommitLogIo io, int shardId, ReplayHandler handler, List<SegmentFileName.Found> files) {
        this.io = io;
        this.shardId = shardId;
        this.handler = handler;
        this.files = files;
    }

    private CompletableFuture<ReplayResult> start() {
        replayNext();
        return result;
    }

    private void replayNext() {
        if (next == files.size()) {
            List<Path> paths = files.stream().map(SegmentFileName.Found::path).toList();
            List<ReplayResult.Damage> classified = classifyDamages();
            if (!files.isEmpty()) {
                LOG.info("Replayed {} commit log entries from {} segments of shard {}", entries, files.size(), shardId);
            }
            result.complete(new ReplayResult(entries, classified, paths, lastPosition));
            return;
        }
        SegmentFileName.Found file = files.get(next++);
        new SegmentReader(io, file, handler).replay().whenComplete((outcome, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            entries += outcome.entries();
            if (outcome.entries() > 0) lastPosition = outcome.lastPosition();
            maxSyncedPosition = Math.max(maxSyncedPosition, outcome.maxSyncedPosition());
            for (SegmentReader.Damage damage : outcome.damages()) damages.add(new FoundDamage(file, damage));
            replayNext();
        });
    }

    /** Damage is to synced bytes when a sync marker anywhere later in the log records a synced position past its start. */
    private List<ReplayResult.Damage> classifyDamages() {
        List<ReplayResult.Damage> classified = new ArrayList<>(damages.size());
        for (FoundDamage found : damages) {
            SegmentReader.Damage damage = found.damage;
            boolean synced = maxSyncedPosition > CommitLogPosition.of(found.file.name().segmentId(), (int) damage.offset());
            ReplayResult.Damage result = new ReplayResult.Damage(found.file.path(), damage.offset(), damage.resumedAt(), damage.reason(), synced);
            if (!synced) LOG.debug("Torn tail after the last sync (normal after a crash): {}", result.describe());
            classified.add(result);
        }
        return classified;
    }

    private record FoundDamage(SegmentFileName.Found file, SegmentReader.Damage damage) { }
}
