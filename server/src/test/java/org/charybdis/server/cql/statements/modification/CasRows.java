package org.charybdis.server.cql.statements.modification;

import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.protocol.internal.util.Bytes;

import java.nio.ByteBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Renders lightweight-transaction results compactly for assertions: each row as {@code name=value ...},
 * rows separated by {@code "; "}, and the result columns as {@code name:type}.
 */
final class CasRows {
    private CasRows() {}

    /** The rows, e.g. {@code "[applied]=false v=12"}. */
    static String render(ResultSet result) {
        StringJoiner rows = new StringJoiner("; ");
        for (Row row : result) {
            StringJoiner values = new StringJoiner(" ");
            for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                Object value = row.isNull(i) ? null : row.getObject(i); // the driver gives empty collections for null
                String text = switch (value) {
                    case UdtValue udt -> udt.getFormattedContents();
                    case ByteBuffer bytes -> Bytes.toHexString(bytes);
                    case null -> "null";
                    default -> value.toString();
                };
                values.add(row.getColumnDefinitions().get(i).getName().asInternal() + "=" + text);
            }
            rows.add(values.toString());
        }
        return rows.toString();
    }

    /** The result columns with their types, e.g. {@code ["[applied]:boolean", "v:int"]}. */
    static List<String> columns(ResultSet result) {
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition column : result.getColumnDefinitions()) {
            columns.add(column.getName().asInternal() + ":" + column.getType().asCql(false, true));
        }
        return columns;
    }
}
