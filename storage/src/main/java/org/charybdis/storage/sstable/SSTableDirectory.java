package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.storage.file.DurableFiles;
import org.charybdis.storage.serialization.BufferReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Start-up view of a table's SSTable directory: which SSTables are complete, after deleting what a crash left
 * behind: temporary files, components of SSTables without a TOC (unfinished writes, half-done deletions), and
 * SSTables that are ancestors of another complete one (a compaction published its output but died before
 * deleting its inputs).
 */
public final class SSTableDirectory {
    private SSTableDirectory() {}

    /** What a scan found: complete generations in increasing order, and the leftover files it deleted. */
    public record Listing(List<Long> generations, List<Path> deleted) {
        /** A generation larger than any in the directory, for the next writer. */
        public long nextGeneration() { return generations.isEmpty() ? 1 : generations.getLast() + 1; }
    }

    /** Lists complete SSTables and deletes leftovers; {@code table} ("ks.t") names files in errors. */
    public static CompletableFuture<Listing> scan(Path directory, String table, IoQueue io) {
        return io.submit(IoClass.MAINTENANCE, 0, () -> scanBlocking(directory, table));
    }

    private static Listing scanBlocking(Path directory, String table) throws IOException {
        Files.createDirectories(directory);
        List<Path> deleted = new ArrayList<>();
        Map<Long, Set<Component>> finalComponents = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path file : stream) {
                SSTableFiles.Parsed parsed = SSTableFiles.parse(file.getFileName().toString());
                if (parsed == null) continue;
                if (parsed.temporary()) delete(file, deleted);
                else finalComponents.computeIfAbsent(parsed.generation(), g -> EnumSet.noneOf(Component.class)).add(parsed.component());
            }
        }
        List<Long> complete = new ArrayList<>();
        for (Map.Entry<Long, Set<Component>> e : finalComponents.entrySet()) {
            if (e.getValue().contains(Component.TOC)) complete.add(e.getKey());
            else deleteSSTable(new SSTableFiles(directory, e.getKey()), deleted);
        }
        Set<Long> ancestors = new HashSet<>();
        for (long generation : complete) ancestors.addAll(ancestorsOf(new SSTableFiles(directory, generation), table));
        List<Long> kept = new ArrayList<>();
        for (long generation : complete) {
            if (ancestors.contains(generation)) deleteSSTable(new SSTableFiles(directory, generation), deleted);
            else kept.add(generation);
        }
        if (!deleted.isEmpty()) DurableFiles.syncDirectory(directory);
        return new Listing(List.copyOf(kept), List.copyOf(deleted));
    }

    /** The ancestors Statistics.db records; none when it cannot be read (opening the SSTable will report why). */
    private static Set<Long> ancestorsOf(SSTableFiles files, String table) throws IOException {
        Path path = files.path(Component.STATISTICS);
        Set<Long> ancestors = new HashSet<>();
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path));
            BufferReader body = ComponentFraming.unframe(bytes, Component.STATISTICS, files.generation(), path, table);
            for (long a : SSTableStatistics.read(body).ancestors()) ancestors.add(a);
        } catch (java.nio.file.NoSuchFileException | org.charybdis.storage.serialization.CorruptDataException e) {
            // Not ours to judge here: the reader's open fails with the precise problem.
        }
        return ancestors;
    }

    private static void deleteSSTable(SSTableFiles files, List<Path> deleted) throws IOException {
        deleted.addAll(files.delete());
    }

    private static void delete(Path file, List<Path> deleted) throws IOException {
        if (Files.deleteIfExists(file)) deleted.add(file);
    }
}
