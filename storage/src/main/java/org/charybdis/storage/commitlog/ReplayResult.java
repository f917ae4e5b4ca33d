package org.charybdis.storage.commitlog;

import org.charybdis.scheduler.io.IoQueue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * What a replay found.
 *
 * @param entriesReplayed entries handed to the handler
 * @param damages         the damaged byte ranges of the segments, in log order (replay went on after each)
 * @param segmentFiles    every segment file of the shard that was read, oldest first: delete them with
 *                        {@link #deleteReplayed} once the replayed data is flushed
 * @param lastPosition    the position of the last entry replayed, {@link CommitLogPosition#NONE} if none
 */
public record ReplayResult(long entriesReplayed, List<Damage> damages, List<Path> segmentFiles, long lastPosition) {
    /** Where segments with damaged durable entries are kept, under the commit log directory. */
    public static final String DAMAGED_DIRECTORY = "damaged";

    public ReplayResult {
        damages = List.copyOf(damages);
        segmentFiles = List.copyOf(segmentFiles);
    }

    /**
     * A damaged byte range of a segment: a torn or corrupt entry or sync marker, stale bytes, or an unreadable
     * segment header (offset 0).
     *
     * @param resumedAt where replay found the next intact entry; the file size if none followed
     * @param synced    a later sync marker proves the damaged bytes had been fsynced, so entries there may have been
     *                  acknowledged and are lost; otherwise this is the torn tail of a crash, which loses nothing
     *                  acknowledged as durable
     */
    public record Damage(Path file, long offset, long resumedAt, String reason, boolean synced) {
        public String describe() {
            return "commit log segment " + file + " is damaged at offset " + offset + " (" + reason + "): bytes "
                    + offset + " to " + resumedAt + " cannot be read";
        }
    }

    /** The damage to entries that were fsynced: acknowledged writes may be lost. */
    public List<Damage> syncedDamages() {
        return damages.stream().filter(Damage::synced).toList();
    }

    /**
     * Deletes the replayed segment files through the shard's IO queue and makes the deletions durable; a file with
     * damaged durable entries is moved to the {@value #DAMAGED_DIRECTORY} subdirectory instead, for an operator
     * to look at.
     */
    public CompletableFuture<Void> deleteReplayed(IoQueue io) {
        CommitLogIo commitLogIo = new CommitLogIo(io);
        Set<Path> kept = syncedDamages().stream().map(Damage::file).collect(Collectors.toSet());
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (Path file : segmentFiles) {
            done = done.thenCompose(v -> kept.contains(file) ? moveAside(commitLogIo, file) : commitLogIo.delete(file));
        }
        if (segmentFiles.isEmpty()) return done;
        Path directory = segmentFiles.getFirst().getParent();
        return done.thenCompose(v -> commitLogIo.syncDirectory(directory));
    }

    private static CompletableFuture<Void> moveAside(CommitLogIo io, Path file) {
        Path aside = file.resolveSibling(DAMAGED_DIRECTORY);
        return io.submit(0, () -> {
            Files.createDirectories(aside);
            Path target = aside.resolve(file.getFileName());
            for (int copy = 1; Files.exists(target); copy++) target = aside.resolve(file.getFileName() + "." + copy);
            Files.move(file, target);
            return null;
        }).thenCompose(v -> io.syncDirectory(aside));
    }
}
