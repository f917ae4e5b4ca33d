package org.charybdis.storage.commitlog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The name of a segment file: {@code CommitLog-<formatVersion>-<shardId>-<segmentId>.log}. */
record SegmentFileName(int formatVersion, int shardId, long segmentId) {
    private static final Pattern PATTERN = Pattern.compile("CommitLog-(\\d{1,9})-(\\d{1,9})-(\\d{1,18})\\.log");

    static SegmentFileName of(int shardId, long segmentId) {
        return new SegmentFileName(SegmentHeader.FORMAT_VERSION, shardId, segmentId);
    }

    /** The parsed name, or null if the file is not a commit log segment. */
    static SegmentFileName parse(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        if (!m.matches()) return null;
        return new SegmentFileName(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)));
    }

    String fileName() {
        return "CommitLog-" + formatVersion + "-" + shardId + "-" + segmentId + ".log";
    }

    Path in(Path directory) {
        return directory.resolve(fileName());
    }

    /** A segment file found on disk. */
    record Found(Path path, SegmentFileName name) { }

    /** The shard's segment files, any format version, oldest segment first; empty if the directory is missing. Blocking. */
    static List<Found> list(Path directory, int shardId) throws IOException {
        List<Found> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) return found;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "CommitLog-*.log")) {
            for (Path file : files) {
                SegmentFileName name = parse(file.getFileName().toString());
                if (name != null && name.shardId == shardId) found.add(new Found(file, name));
            }
        }
        found.sort(Comparator.comparingLong(f -> f.name.segmentId));
        return found;
    }

    /** The highest segment id of the shard's files, 0 if there are none. Blocking. */
    static long highestSegmentId(Path directory, int shardId) throws IOException {
        List<Found> found = list(directory, shardId);
        return found.isEmpty() ? 0 : found.getLast().name.segmentId;
    }
}
