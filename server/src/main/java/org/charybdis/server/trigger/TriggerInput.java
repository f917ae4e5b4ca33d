package org.charybdis.server.trigger;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ComplexDeletion;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link PartitionWrite} a trigger sees for one partition update of its table: stored bytes decoded by the columns' types. */
final class TriggerInput {
    private TriggerInput() {}

    static PartitionWrite of(TableMetadata table, PartitionUpdate update) {
        Map<Integer, ColumnMetadata> byId = new HashMap<>();
        for (ColumnMetadata column : table.regularAndStatic()) byId.put(column.id(), column);
        ByteBuffer[] key = PartitionKeys.split(update.key().key(), table.partitionKey().size());
        Map<String, Object> partitionKey = new LinkedHashMap<>();
        for (ColumnMetadata column : table.partitionKey()) partitionKey.put(column.name(), decode(column, key[column.position()]));
        long timestamp = update.partitionDeletion().isLive() ? Long.MIN_VALUE : update.partitionDeletion().markedForDeleteAt();
        for (var range : update.rangeTombstones()) timestamp = Math.max(timestamp, range.deletion().markedForDeleteAt());
        List<PartitionWrite.RowWrite> rows = new ArrayList<>();
        List<RowUpdate> all = new ArrayList<>();
        if (update.staticRow() != null) all.add(update.staticRow());
        all.addAll(update.rows());
        for (RowUpdate row : all) {
            rows.add(row(table, byId, row));
            timestamp = Math.max(timestamp, newest(row));
        }
        return new PartitionWrite(table.keyspace(), table.name(), partitionKey, !update.partitionDeletion().isLive(),
                !update.rangeTombstones().isEmpty(), rows, timestamp);
    }

    private static PartitionWrite.RowWrite row(TableMetadata table, Map<Integer, ColumnMetadata> byId, RowUpdate row) {
        Clustering clustering = row.clustering();
        Map<String, Object> key = new LinkedHashMap<>();
        if (!clustering.isStatic()) {
            for (ColumnMetadata column : table.clustering()) key.put(column.name(), decode(column, clustering.get(column.position())));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> changed = new LinkedHashSet<>();
        for (Cell cell : row.cells()) {
            ColumnMetadata column = byId.get(cell.column());
            if (column == null) continue; // a column dropped meanwhile
            changed.add(column.name());
            if (cell.path() == null) values.put(column.name(), cell.isTombstone() ? null : decode(column, cell.value()));
        }
        for (ComplexDeletion deletion : row.complexDeletions()) {
            ColumnMetadata column = byId.get(deletion.column());
            if (column != null) changed.add(column.name());
        }
        return new PartitionWrite.RowWrite(key, clustering.isStatic(), !row.deletion().isLive(), values, List.copyOf(changed));
    }

    private static long newest(RowUpdate row) {
        long newest = row.liveness().isEmpty() ? Long.MIN_VALUE : row.liveness().timestamp();
        if (!row.deletion().isLive()) newest = Math.max(newest, row.deletion().markedForDeleteAt());
        for (Cell cell : row.cells()) newest = Math.max(newest, cell.timestamp());
        for (ComplexDeletion deletion : row.complexDeletions()) newest = Math.max(newest, deletion.deletion().markedForDeleteAt());
        return newest;
    }

    private static Object decode(ColumnMetadata column, ByteBuffer bytes) {
        return bytes == null ? null : column.type().deserialize(bytes.duplicate());
    }
}
