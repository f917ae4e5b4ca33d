package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Writes a row of a counter table as one {@code UPDATE ... SET c = c + ?} of its non-null counters: on an empty target
 * table the counters end with the source's values. Counters have no settable write time or TTL. Adding is not
 * idempotent, which is why {@link DataCopy} copies counter tables only into empty tables and never repeats a range.
 */
final class CounterWriter implements RowWriter {
    private final TableScan scan;
    private final PreparedShapes shapes;

    CounterWriter(TableScan scan, CqlSession target) {
        this.scan = scan;
        this.shapes = new PreparedShapes(target);
    }

    @Override
    public List<BoundStatement> statementsFor(Row row, boolean newPartition) {
        int keyCount = scan.keyColumnsOf(row);
        boolean clustered = keyCount == scan.keys().size();
        BitSet columns = new BitSet();
        for (int i = 0; i < scan.values().size(); i++) {
            ColumnMetadata column = scan.values().get(i);
            if (column.isStatic() && !newPartition) continue;
            if (!column.isStatic() && !clustered) continue;
            if (row.getBytesUnsafe(scan.valueIndex(i)) != null) columns.set(i);
        }
        if (columns.isEmpty()) return List.of();
        BoundStatementBuilder builder = shapes.get(keyCount + ":" + columns, () -> update(keyCount, columns)).boundStatementBuilder();
        int position = 0;
        for (int i = columns.nextSetBit(0); i >= 0; i = columns.nextSetBit(i + 1)) {
            builder.setBytesUnsafe(position++, row.getBytesUnsafe(scan.valueIndex(i)));
        }
        for (int k = 0; k < keyCount; k++) builder.setBytesUnsafe(position++, row.getBytesUnsafe(k));
        return List.of(builder.build());
    }

    private String update(int keyCount, BitSet columns) {
        List<String> sets = new ArrayList<>();
        columns.stream().forEach(i -> {
            String name = scan.values().get(i).getName().asCql(true);
            sets.add(name + " = " + name + " + ?");
        });
        List<String> where = new ArrayList<>();
        for (int k = 0; k < keyCount; k++) where.add(scan.keys().get(k).getName().asCql(true) + " = ?");
        return "UPDATE " + scan.name() + " SET " + String.join(", ", sets) + " WHERE " + String.join(" AND ", where);
    }
}
