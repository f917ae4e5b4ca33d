package org.charybdis.storage.commitlog;

import org.charybdis.scheduler.io.IoQueue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a replay found.
 *
 * @param entriesReplayed entries handed to the handler
 * @param corruptions     where a segment stopped being readable (its later entries were skipped)
 * @param segmentFiles    every segment file of the shard that was read, oldest first: delete them with
 *                        {@link #deleteReplayed} once the replayed data is flushed
 * @param lastPosition    the position of the last entry replayed, {@link CommitLogPosition#NONE} if none
 */
public record ReplayResult(long entriesReplayed, List<Corruption> corruptions, List<Path> segmentFiles, long lastPosition) {
    public ReplayResult {
        corruptions = List.copyOf(corruptions);
        segmentFiles = List.copyOf(segmentFiles);
    }

    /**
     * A damaged place in a segment: a torn or corrupt entry, an impossible length, a stale entry from the file's
     * earlier life, or an unreadable header (offset 0).
     */
    public record Corruption(Path file, long offset, long entriesReplayedFromFile, String reason) { }

    /** Deletes the replayed segment files through the shard's IO queue and makes the deletions durable. */
    public CompletableFuture<Void> deleteReplayed(IoQueue io) {
        CommitLogIo commitLogIo = new CommitLogIo(io);
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (Path file : segmentFiles) done = done.thenCompose(v -> commitLogIo.delete(file));
        if (segmentFiles.isEmpty()) return done;
        Path directory = segmentFiles.getFirst().getParent();
        return done.thenCompose(v -> commitLogIo.syncDirectory(directory));
    }
}
