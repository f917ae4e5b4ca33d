package org.charybdis.storage.sstable;

import org.charybdis.storage.file.DurableFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the files of one SSTable live: {@code <directory>/chs-<generation>-<Component>}, for instance
 * {@code chs-42-Data.db}; while being written each carries a {@code .tmp} suffix. The generation is unique in
 * the directory and grows with time (compaction outputs get new ones).
 */
public record SSTableFiles(Path directory, long generation) {
    public static final String PREFIX = "chs-";
    public static final String TEMPORARY_SUFFIX = ".tmp";

    public SSTableFiles {
        if (generation < 0) throw new IllegalArgumentException("negative generation " + generation);
    }

    public Path path(Component component) {
        return directory.resolve(fileName(component));
    }

    public Path temporaryPath(Component component) {
        return directory.resolve(fileName(component) + TEMPORARY_SUFFIX);
    }

    public String fileName(Component component) {
        return PREFIX + generation + "-" + component.suffix();
    }

    /** Where a shard's table directory keeps SSTables taken out of service for being corrupt (as ScyllaDB names it). */
    public static final String QUARANTINE_DIRECTORY = "quarantine";

    /**
     * Moves the SSTable's components into the directory's {@value #QUARANTINE_DIRECTORY} subdirectory, the TOC
     * last: a crash in between leaves a TOC whose SSTable no longer opens, which is quarantined again. Blocking.
     * Returns where the files went.
     */
    public Path quarantine() throws IOException {
        Path target = Files.createDirectories(directory.resolve(QUARANTINE_DIRECTORY));
        for (Component component : Component.values()) {
            if (component != Component.TOC) moveIfPresent(path(component), target);
        }
        moveIfPresent(path(Component.TOC), target);
        DurableFiles.syncDirectory(target);
        DurableFiles.syncDirectory(directory);
        return target;
    }

    /** Deletes the SSTable's components, the TOC first so a crash midway leaves an unfinished SSTable, never a broken one. Blocking. */
    public List<Path> delete() throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (Files.deleteIfExists(path(Component.TOC))) deleted.add(path(Component.TOC));
        for (Component c : Component.values()) {
            if (Files.deleteIfExists(path(c))) deleted.add(path(c));
        }
        return deleted;
    }

    private static void moveIfPresent(Path file, Path targetDirectory) throws IOException {
        if (Files.exists(file)) Files.move(file, targetDirectory.resolve(file.getFileName()));
    }

    /** A file name of an SSTable component (possibly temporary), or null for any other file. */
    public static Parsed parse(String fileName) {
        if (!fileName.startsWith(PREFIX)) return null;
        boolean temporary = fileName.endsWith(TEMPORARY_SUFFIX);
        String name = temporary ? fileName.substring(0, fileName.length() - TEMPORARY_SUFFIX.length()) : fileName;
        int dash = name.indexOf('-', PREFIX.length());
        if (dash < 0) return null;
        long generation;
        try {
            generation = Long.parseLong(name.substring(PREFIX.length(), dash));
        } catch (NumberFormatException e) {
            return null;
        }
        Component component = Component.ofSuffix(name.substring(dash + 1));
        return component == null || generation < 0 ? null : new Parsed(generation, component, temporary);
    }

    /** What a file name says: whose component it is and whether it is still being written. */
    public record Parsed(long generation, Component component, boolean temporary) {}
}
