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
 * checksum verified. A damaged entry ends its segment's replay (logged as a warning with the file, the offset
 * and the entries replayed before it) and replay goes on with the next segment.
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
    private final List<ReplayResult.Corruption> corruptions = new ArrayList<>();
    private long entries;
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
            if (!files.isEmpty()) {
                LOG.info("Replayed {} commit log entries from {} segments of shard {} ({} damaged)",
                        entries, files.size(), shardId, corruptions.size());
            }
            result.complete(new ReplayResult(entries, corruptions, paths, lastPosition));
            return;
        }
        new SegmentReader(io, files.get(next++), handler).replay().whenComplete((outcome, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            entries += outcome.entries();
            if (outcome.entries() > 0) lastPosition = outcome.lastPosition();
            if (outcome.corruption() != null) corruptions.add(outcome.corruption());
            replayNext();
        });
    }
}
