package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes a row as INSERTs that keep each cell's write time and remaining TTL: the row's non-null columns are grouped
 * by (write time, TTL) and each group is one {@code INSERT ... USING TIMESTAMP ? AND TTL ?}, so a row written at once
 * is one INSERT and a column updated later gets its own. A null column is left out (no tombstone is written).
 *
 * <p>A collection or user type that is not frozen has a write time and TTL per element: it is written whole with the
 * newest of its elements' write times and the longest of their TTLs (none if one element has none). A row with no
 * column but its key is written with the key alone, at the target's current time.
 */
final class CellGroupWriter implements RowWriter {
    private final TableScan scan;
    private final PreparedShapes shapes;

    CellGroupWriter(TableScan scan, CqlSession target) {
        this.scan = scan;
        this.shapes = new PreparedShapes(target);
    }

    private record CellStamp(long timestamp, int ttl) {}

    @Override
    public List<BoundStatement> statementsFor(Row row, boolean newPartition) {
        int keyCount = scan.keyColumnsOf(row);
        Map<CellStamp, BitSet> groups = new LinkedHashMap<>();
        for (int i = 0; i < scan.values().size(); i++) {
            ColumnMetadata column = scan.values().get(i);
            if (column.isStatic() && !newPartition) continue; // written with the partition's first row
            if (row.getBytesUnsafe(scan.valueIndex(i)) == null) continue;
            groups.computeIfAbsent(stamp(row, i, column), s -> new BitSet()).set(i);
        }
        if (groups.isEmpty()) {
            // a partition's static row with nothing left to write is done; a clustered row with only its key is not
            return keyCount == scan.keys().size() ? List.of(bind(row, keyCount, new BitSet(), null)) : List.of();
        }
        List<BoundStatement> statements = new ArrayList<>(groups.size());
        groups.forEach((stamp, columns) -> statements.add(bind(row, keyCount, columns, stamp)));
        return statements;
    }

    private CellStamp stamp(Row row, int i, ColumnMetadata column) {
        int at = scan.valueIndex(i);
        if (!TableScan.multiCell(column)) return new CellStamp(row.getLong(at + 1), row.isNull(at + 2) ? 0 : row.getInt(at + 2));
        List<Long> timestamps = row.getList(at + 1, Long.class);
        List<Integer> ttls = row.getList(at + 2, Integer.class);
        int ttl = ttls.isEmpty() || ttls.contains(null) ? 0 : Collections.max(ttls);
        return new CellStamp(Collections.max(timestamps), ttl);
    }

    /** @param stamp null for a write of the key alone, without USING */
    private BoundStatement bind(Row row, int keyCount, BitSet columns, CellStamp stamp) {
        String shape = keyCount + ":" + columns + (stamp == null ? "" : ":stamped");
        BoundStatementBuilder builder = shapes.get(shape, () -> insert(keyCount, columns, stamp != null)).boundStatementBuilder();
        int position = 0;
        for (int k = 0; k < keyCount; k++) builder.setBytesUnsafe(position++, row.getBytesUnsafe(k));
        for (int i = columns.nextSetBit(0); i >= 0; i = columns.nextSetBit(i + 1)) {
            builder.setBytesUnsafe(position++, row.getBytesUnsafe(scan.valueIndex(i)));
        }
        if (stamp != null) {
            builder.setLong(position++, stamp.timestamp());
            builder.setInt(position, stamp.ttl());
        }
        return builder.build();
    }

    private String insert(int keyCount, BitSet columns, boolean stamped) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < keyCount; k++) names.add(scan.keys().get(k).getName().asCql(true));
        columns.stream().forEach(i -> names.add(scan.values().get(i).getName().asCql(true)));
        return "INSERT INTO " + scan.name() + " (" + String.join(", ", names) + ") VALUES ("
                + IntStream.range(0, names.size()).mapToObj(i -> "?").collect(Collectors.joining(", ")) + ")"
                + (stamped ? " USING TIMESTAMP ? AND TTL ?" : "");
    }
}
