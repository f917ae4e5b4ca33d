package org.charybdis.cql.syntax;

/**
 * {@code DESCRIBE|DESC target [WITH INTERNALS]}. {@code name} is null for the listing targets; for
 * KEYSPACE it holds the keyspace in {@link QualifiedName#name()} (null for the current keyspace).
 */
public record DescribeStatement(Target target, QualifiedName name, boolean withInternals) implements Statement {

    public enum Target {
        CLUSTER, SCHEMA, FULL_SCHEMA, KEYSPACES, KEYSPACE, ONLY_KEYSPACE, TABLES, TABLE, TYPES, TYPE,
        FUNCTIONS, FUNCTION, AGGREGATES, AGGREGATE, INDEX, MATERIALIZED_VIEW,
        /** {@code DESCRIBE [ks.]name}: whatever schema element has that name. */
        NAME
    }
}
