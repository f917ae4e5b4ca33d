package org.charybdis.storage.lsm;

import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.storage.engine.DiskFailurePolicy;
import org.charybdis.storage.file.DurableFiles;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.SSTableDirectory;
import org.charybdis.storage.sstable.SSTableFiles;
import org.charybdis.storage.sstable.SSTableReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The files of one table on one shard: opening its SSTables at start-up (after the directory scan cleaned up
 * what a crash left), numbering new ones, the truncation record, snapshots. An SSTable that cannot be opened
 * makes the table unreadable with an error naming it: serving reads without it would silently return
 * incomplete data.
 */
final class TableFiles {
    private static final Logger LOG = LoggerFactory.getLogger(TableFiles.class);
    static final String TRUNCATION_RECORD = "TRUNCATED";

    private final LsmTableEngine table;
    private final Path directory;
    private final IoQueue io;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private long nextGeneration = 1;
    private long truncatedAt;
    private RuntimeException unreadable;

    TableFiles(LsmTableEngine table, Path directory, IoQueue io) {
        this.table = table;
        this.directory = directory;
        this.io = io;
    }

    CompletableFuture<Void> ready() { return ready; }

    /** Why the table cannot serve reads (an SSTable failed to open), or null. */
    RuntimeException unreadable() { return unreadable; }

    long truncatedAt() { return truncatedAt; }

    long nextGeneration() { return nextGeneration++; }

    CompletableFuture<Void> open() {
        String name = table.layout().qualifiedName();
        SSTableDirectory.scan(directory, name, io).thenCompose(listing -> {
            if (!listing.deleted().isEmpty()) LOG.info("Removed {} leftover files of {} in {}", listing.deleted().size(), name, directory);
            nextGeneration = listing.nextGeneration();
            List<Long> generations = List.copyOf(listing.generations());
            List<CompletableFuture<SSTableReader>> opening = new ArrayList<>();
            for (long generation : generations) opening.add(SSTableReader.open(table.context(), generation, IoClass.MAINTENANCE));
            return CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
                List<SSTableReader> opened = new ArrayList<>();
                List<SSTableFiles> corrupt = new ArrayList<>();
                for (int i = 0; i < opening.size(); i++) {
                    CompletableFuture<SSTableReader> f = opening.get(i);
                    if (!f.isCompletedExceptionally()) {
                        opened.add(f.join());
                        continue;
                    }
                    Throwable cause = AsyncLoop.unwrap(f.handle((r, e) -> e).join());
                    LOG.error("Cannot open an SSTable of {}: {}", name, cause.getMessage());
                    if (table.shard().config().diskFailurePolicy() == DiskFailurePolicy.BEST_EFFORT) {
                        corrupt.add(table.context().files(generations.get(i)));
                    } else if (unreadable == null) {
                        unreadable = new IllegalStateException("Table " + name + " has an SSTable that cannot be read (" + cause.getMessage()
                                + "); move the damaged files out of " + directory + " and restart to serve the rest,"
                                + " or set disk_failure_policy: best_effort to have them quarantined", cause);
                    }
                }
                table.sstables().add(opened);
                return corrupt;
            }).thenCompose(this::quarantine);
        }).thenCompose(ignored -> readTruncation()).whenComplete((ignored, failure) -> {
            if (failure != null) {
                Throwable cause = AsyncLoop.unwrap(failure);
                LOG.error("Cannot open the files of {} in {}", name, directory, cause);
                unreadable = new IllegalStateException("Table " + name + " cannot be opened: " + cause.getMessage(), cause);
            }
            ready.complete(null);
        });
        return ready;
    }

    /** Moves SSTables that do not open to quarantine (disk_failure_policy: best_effort): the table serves the rest. */
    private CompletableFuture<Void> quarantine(List<SSTableFiles> corrupt) {
        if (corrupt.isEmpty()) return CompletableFuture.completedFuture(null);
        return io.submit(IoClass.MAINTENANCE, 0, () -> {
            for (SSTableFiles sstable : corrupt) {
                LOG.warn("Moved the SSTable {} of {}, which cannot be opened, to {} (disk_failure_policy: best_effort)",
                        sstable.fileName(Component.DATA), table.layout().qualifiedName(), sstable.quarantine());
            }
            return null;
        });
    }

    /** Remembers that commitlog entries up to {@code position} are truncated away, durably, before TRUNCATE answers. */
    CompletableFuture<Void> recordTruncation(long position) {
        truncatedAt = Math.max(truncatedAt, position);
        byte[] content = (truncatedAt + "\n").getBytes(StandardCharsets.US_ASCII);
        return io.submit(IoClass.MAINTENANCE, content.length, () -> {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(TRUNCATION_RECORD + ".tmp");
            DurableFiles.writeAndSync(temporary, content);
            DurableFiles.rename(temporary, directory.resolve(TRUNCATION_RECORD));
            DurableFiles.syncDirectory(directory);
            return null;
        });
    }

    private CompletableFuture<Void> readTruncation() {
        Path record = directory.resolve(TRUNCATION_RECORD);
        return io.submit(IoClass.MAINTENANCE, 0, () -> {
            Files.deleteIfExists(directory.resolve(TRUNCATION_RECORD + ".tmp"));
            if (!Files.exists(record)) return 0L;
            String text = Files.readString(record, StandardCharsets.US_ASCII).trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("truncation record " + record + " is damaged: '" + text + "'");
            }
        }).thenAccept(position -> truncatedAt = position);
    }

    /** Hard-links the given SSTables under {@code <table>/snapshots/<tag>/shard-<n>}. */
    CompletableFuture<Void> snapshot(String tag, List<SSTableReader> sstables) {
        return link(DataDirectory.snapshot(directory.getParent(), tag).resolve(directory.getFileName()), sstables);
    }

    /**
     * Hard-links freshly flushed SSTables under {@code <table>/backups/shard-<n>} ({@code incremental_backups}). A failure is
     * logged, not thrown: the flush itself worked, and failing it would write its data a second time.
     */
    CompletableFuture<Void> backUp(List<SSTableReader> flushed) {
        return link(DataDirectory.backups(directory.getParent(), table.shard().id()), flushed).exceptionally(failure -> {
            LOG.error("Cannot hard-link the flushed SSTables of {} into its backups directory (incremental_backups)",
                    table.layout().qualifiedName(), AsyncLoop.unwrap(failure));
            return null;
        });
    }

    private CompletableFuture<Void> link(Path target, List<SSTableReader> sstables) {
        List<CompletableFuture<Void>> links = new ArrayList<>();
        for (SSTableReader r : sstables) {
            if (r.ref()) links.add(r.snapshot(target).whenComplete((v, e) -> r.release()));
        }
        if (links.isEmpty()) {
            return io.submit(IoClass.MAINTENANCE, 0, () -> {
                Files.createDirectories(target);
                return null;
            });
        }
        return CompletableFuture.allOf(links.toArray(CompletableFuture[]::new));
    }

    /** Deletes the table's directory on this shard (DROP TABLE); snapshots of the table stay. */
    static CompletableFuture<Void> delete(Path directory, IoQueue io) {
        return io.submit(IoClass.MAINTENANCE, 0, () -> {
            if (!Files.exists(directory)) return null;
            try (var walk = Files.walk(directory)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
            if (Files.exists(directory.getParent())) DurableFiles.syncDirectory(directory.getParent());
            return null;
        });
    }
}
