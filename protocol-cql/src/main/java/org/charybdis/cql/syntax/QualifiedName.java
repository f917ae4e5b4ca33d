package org.charybdis.cql.syntax;

import java.util.Objects;

/**
 * A possibly keyspace-qualified name of a table, type, view, index, function or aggregate, with both
 * parts case-resolved. {@code keyspace} is null when the statement did not name one.
 */
public record QualifiedName(String keyspace, String name) {
    public QualifiedName {
        Objects.requireNonNull(name, "name");
    }

    public static QualifiedName unqualified(String name) {
        return new QualifiedName(null, name);
    }

    public boolean hasKeyspace() {
        return keyspace != null;
    }

    /** The same name in {@code defaultKeyspace} when it has none of its own. */
    public QualifiedName withDefaultKeyspace(String defaultKeyspace) {
        return keyspace != null ? this : new QualifiedName(defaultKeyspace, name);
    }

    public String toCqlString() {
        String local = ColumnIdentifier.quoteIfNeeded(name);
        return keyspace == null ? local : ColumnIdentifier.quoteIfNeeded(keyspace) + '.' + local;
    }

    @Override
    public String toString() {
        return keyspace == null ? name : keyspace + '.' + name;
    }
}
