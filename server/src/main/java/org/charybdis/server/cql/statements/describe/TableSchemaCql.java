package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.TableMetadata;

/**
 * The CQL that recreates one table, as a snapshot's {@code schema.cql} holds it (Cassandra writes the same there):
 * what {@code DESCRIBE TABLE ... WITH INTERNALS} prints, so the table id and the dropped columns come back too, then its
 * indexes. One statement per paragraph, each ending with a semicolon.
 */
public final class TableSchemaCql {
    private TableSchemaCql() {}

    public static String of(KeyspaceMetadata keyspace, TableMetadata table) {
        StringBuilder out = new StringBuilder();
        for (SchemaElement element : SchemaElements.ofTable(keyspace, table)) out.append(element.createStatement(true)).append("\n\n");
        return out.toString();
    }
}
