package org.charybdis.server.snapshot;

import org.charybdis.storage.lsm.DataDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One table's snapshot on disk, {@code <data>/<keyspace>/<table>-<id>/snapshots/<tag>}, found by walking the data
 * directory, so snapshots of dropped tables (whose directory stays) are found too.
 */
record SnapshotDirectory(String keyspace, String table, Path tableDirectory, String tag, Path path) {

    /** Which snapshots an operator request means: null or empty for any. */
    record Filter(String tag, Set<String> keyspaces, String table) {
        boolean keyspace(String name) { return keyspaces == null || keyspaces.isEmpty() || keyspaces.contains(name); }

        boolean table(String name) { return table == null || table.equals(name); }

        boolean tag(String name) { return tag == null || tag.equals(name); }
    }

    /** The snapshots the filter selects, by keyspace, table and tag. Blocking. */
    static List<SnapshotDirectory> find(Path dataDirectory, Filter filter) throws IOException {
        List<SnapshotDirectory> found = new ArrayList<>();
        for (Path keyspace : subdirectories(dataDirectory)) {
            String keyspaceName = keyspace.getFileName().toString();
            if (!filter.keyspace(keyspaceName)) continue;
            for (Path table : subdirectories(keyspace)) {
                String tableName = DataDirectory.tableName(table);
                if (tableName == null || !filter.table(tableName)) continue;
                for (Path snapshot : subdirectories(table.resolve(DataDirectory.SNAPSHOTS))) {
                    String tag = snapshot.getFileName().toString();
                    if (filter.tag(tag)) found.add(new SnapshotDirectory(keyspaceName, tableName, table, tag, snapshot));
                }
            }
        }
        return found;
    }

    /** The regular files of the snapshot, at any depth. Blocking. */
    List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Deletes the snapshot's directory with everything in it. Blocking. */
    void delete() throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static List<Path> subdirectories(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) return List.of();
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }
}
