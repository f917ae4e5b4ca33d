package org.charybdis.server.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.file.DurableFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntUnaryOperator;

/**
 * A snapshot's {@code manifest.json}: Cassandra's fields ({@code files}, relative to the snapshot's directory, and
 * {@code created_at}), plus what a restore needs to read the SSTables back: the table they belong to and the storage
 * id of each of its columns at the time. SSTables name columns by id, and a table recreated from {@code schema.cql}
 * may number them differently, so a refresh maps them by name.
 *
 * @param columns the regular and static columns, with the id their cells carry in the snapshot's SSTables
 */
record SnapshotManifest(List<String> files, String createdAt, String keyspace, String table, UUID tableId, List<Column> columns) {
    static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** A column as the snapshot's SSTables store it. */
    record Column(String name, int id, String type) {}

    static SnapshotManifest of(TableMetadata table, List<String> files, String createdAt) {
        List<Column> columns = new ArrayList<>();
        for (ColumnMetadata c : table.regularAndStatic()) columns.add(new Column(c.name(), c.id(), c.type().cqlName()));
        return new SnapshotManifest(List.copyOf(files), createdAt, table.keyspace(), table.name(), table.id(), columns);
    }

    /** Writes {@code manifest.json} into the snapshot's directory, durably. Blocking. */
    void writeInto(Path snapshotDirectory) throws IOException {
        DurableFiles.writeAndSync(snapshotDirectory.resolve(FILE), JSON.writeValueAsBytes(this));
    }

    /** Reads a manifest; fails with a message naming the file when it is not one. Blocking. */
    static SnapshotManifest read(Path file) {
        try {
            return JSON.readValue(file.toFile(), SnapshotManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the snapshot manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Maps the column ids of the snapshot's SSTables to those of {@code target}: a column keeps its data when the target
     * has a column of the same name and type; the cells of any other column are left out (negative id).
     */
    IntUnaryOperator columnIdsIn(TableMetadata target) {
        Map<Integer, Integer> ids = new HashMap<>();
        for (Column column : columns == null ? List.<Column>of() : columns) {
            ColumnMetadata now = target.column(column.name());
            if (now != null && !now.isPrimaryKey() && now.type().cqlName().equals(column.type())) ids.put(column.id(), now.id());
        }
        return id -> ids.getOrDefault(id, -1);
    }
}
