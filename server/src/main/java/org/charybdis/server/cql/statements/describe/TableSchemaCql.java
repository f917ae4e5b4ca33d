package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.TableMetadata;

/**
 * The CQL that recreates one table, as a snapshot's {@code schema.cql} holds it (Cassandra writes the same there):
 * what {@code DESCRIBE TABLE ... WITH INTERNALS} prints, so the table id and the dropped columns come back too, then its
 * indexes (a view's snapshot: its CREATE MATERIALIZED VIEW). One statement per paragraph, each ending with a semicolon.
 */
public final class TableSchemaCql {
    private TableSchemaCql() {}

    public static String of(KeyspaceMetadata keyspace, TableMetadata table) {
        StringBuilder out = new StringBuilder();
        java.util.List<SchemaElement> elements = new java.util.ArrayList<>();
        if (table.isView()) {
            elements.add(new ViewElement(table));
        } else {
            elements.add(SchemaElements.tableElement(keyspace, table));
            elements.addAll(SchemaElements.indexesOf(table));
        }
        for (SchemaElement element : elements) out.append(element.createStatement(true)).append("\n\n");
        return out.toString();
    }
}
