package org.charybdis.server.snapshot;

import org.charybdis.storage.lsm.DataDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What {@code nodetool listsnapshots} shows, in ScyllaDB's REST shape: per tag, each table's snapshot with its
 * {@code total} bytes and its {@code live} bytes, those not shared with the table's live SSTables (Cassandra's "true
 * size": what clearing the snapshot would free). A snapshot starts out sharing every SSTable, so only its
 * {@code schema.cql} and {@code manifest.json} are live; as compaction replaces the SSTables, live grows to total.
 */
final class SnapshotSizes {
    private SnapshotSizes() {}

    /** One table's snapshot under a tag; the names are the REST API's. */
    record TableSnapshot(String ks, String cf, long total, long live) {}

    /** The snapshots of one tag. */
    record Tagged(String key, List<TableSnapshot> value) {}

    /** Blocking. */
    static List<Tagged> of(List<SnapshotDirectory> snapshots) throws IOException {
        Map<String, List<TableSnapshot>> byTag = new TreeMap<>();
        Map<Path, Set<Object>> liveFilesByTable = new HashMap<>();
        for (SnapshotDirectory snapshot : snapshots) {
            Set<Object> liveFiles = liveFilesByTable.get(snapshot.tableDirectory());
            if (liveFiles == null) {
                liveFiles = liveFiles(snapshot.tableDirectory());
                liveFilesByTable.put(snapshot.tableDirectory(), liveFiles);
            }
            long total = 0;
            long live = 0;
            for (Path file : snapshot.files()) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                total += attributes.size();
                if (!liveFiles.contains(attributes.fileKey())) live += attributes.size();
            }
            byTag.computeIfAbsent(snapshot.tag(), tag -> new ArrayList<>()).add(new TableSnapshot(snapshot.keyspace(), snapshot.table(), total, live));
        }
        List<Tagged> answer = new ArrayList<>(byTag.size());
        byTag.forEach((tag, tables) -> answer.add(new Tagged(tag, List.copyOf(tables))));
        return answer;
    }

    /** The identities (device and inode) of the files in the table's shard directories: a hard link has the same. */
    private static Set<Object> liveFiles(Path tableDirectory) throws IOException {
        Set<Object> keys = new HashSet<>();
        for (Path directory : SnapshotDirectory.subdirectories(tableDirectory)) {
            if (!DataDirectory.isShardDirectory(directory)) continue;
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                    if (key != null) keys.add(key);
                }
            }
        }
        return keys;
    }
}
