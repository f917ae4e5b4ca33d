package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataTypes;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The statements that load records into a table, with a named marker per column: an INSERT of every column (for a
 * counter table an UPDATE adding to every counter), and one of the partition key and static columns alone for a
 * record of a partition's static row (its clustering columns empty), which an INSERT of every column cannot write.
 */
final class TableWrites {
    private final TableMetadata table;
    private final List<ColumnMetadata> columns;
    private final PreparedStatement row;
    private final PreparedStatement staticRow;

    TableWrites(CqlSession session, TableMetadata table) {
        this.table = table;
        this.columns = List.copyOf(table.getColumns().values());
        this.row = session.prepare(write(columns));
        List<ColumnMetadata> staticColumns = Stream.concat(table.getPartitionKey().stream(), columns.stream().filter(ColumnMetadata::isStatic)).toList();
        this.staticRow = staticColumns.size() > table.getPartitionKey().size() ? session.prepare(write(staticColumns)) : null;
    }

    /**
     * @param values a record's values, one per column of the table in its order
     * @param where the record's place, for the message when it cannot be written
     */
    PreparedStatement statementFor(Object[] values, String where) {
        int clusteringStart = table.getPartitionKey().size();
        boolean clustered = true;
        for (int i = clusteringStart; i < clusteringStart + table.getClusteringColumns().size(); i++) clustered &= values[i] != null;
        if (clustered) return row;
        for (int i = clusteringStart; i < values.length; i++) {
            if (values[i] != null && !columns.get(i).isStatic() || staticRow == null) {
                throw new BulkRun.Failure(where + ": the clustering columns need values (only a partition's static columns can be written without)");
            }
        }
        return staticRow;
    }

    private String write(List<ColumnMetadata> written) {
        String name = table.getKeyspace().asCql(true) + "." + table.getName().asCql(true);
        if (written.stream().noneMatch(c -> c.getType().equals(DataTypes.COUNTER))) {
            return "INSERT INTO " + name + " (" + written.stream().map(c -> c.getName().asCql(true)).collect(Collectors.joining(", "))
                    + ") VALUES (" + written.stream().map(c -> ":" + c.getName().asCql(true)).collect(Collectors.joining(", ")) + ")";
        }
        List<ColumnMetadata> key = written.stream().filter(c -> table.getPrimaryKey().contains(c)).toList();
        return "UPDATE " + name + " SET " + written.stream().filter(c -> !key.contains(c))
                .map(c -> c.getName().asCql(true) + " = " + c.getName().asCql(true) + " + :" + c.getName().asCql(true))
                .collect(Collectors.joining(", "))
                + " WHERE " + key.stream().map(c -> c.getName().asCql(true) + " = :" + c.getName().asCql(true)).collect(Collectors.joining(" AND "));
    }
}
