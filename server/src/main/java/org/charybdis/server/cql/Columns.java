package org.charybdis.server.cql;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

/**
 * Finds the column a statement names, with Cassandra's message when the table has none of that name or hides it (the
 * hidden columns of a COMPACT STORAGE table).
 */
public final class Columns {
    private Columns() {}

    public static ColumnMetadata resolve(TableMetadata table, ColumnIdentifier name) {
        ColumnMetadata column = table.column(name.name());
        if (column == null || table.isHidden(column)) throw new InvalidRequestException("Undefined column name " + name.toCqlString() + " in table " + table);
        return column;
    }
}
