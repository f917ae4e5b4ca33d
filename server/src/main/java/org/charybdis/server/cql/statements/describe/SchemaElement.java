package org.charybdis.server.cql.statements.describe;

/**
 * One schema element a DESCRIBE returns as a row: {@code keyspace_name, type, name} and, for the
 * statements that print them, the {@code create_statement} that recreates it.
 */
sealed interface SchemaElement permits KeyspaceElement, TypeElement, FunctionElement, AggregateElement, TableElement, IndexElement,
        ViewElement {

    /** The keyspace's name as stored (unquoted). */
    String keyspace();

    /** The element kind as DESCRIBE prints it: keyspace, type, function, aggregate, table, index, materialized_view. */
    String kind();

    /** The element's name as stored (unquoted). */
    String name();

    /** The name in DESCRIBE's {@code name} column: quoted when needed (functions and aggregates add their argument types). */
    default String displayedName() {
        return CqlText.name(name());
    }

    /** The CQL that recreates the element; {@code withInternals} adds table ids and dropped columns. */
    String createStatement(boolean withInternals);
}
