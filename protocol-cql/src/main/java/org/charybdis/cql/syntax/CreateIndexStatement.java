package org.charybdis.cql.syntax;

import java.util.List;
import java.util.Map;

/**
 * {@code CREATE [CUSTOM] INDEX [IF NOT EXISTS] [name] ON t (target, ...) [USING 'class'] [WITH OPTIONS = {...}]}.
 * indexName and className are null when absent.
 */
public record CreateIndexStatement(
        String indexName,
        QualifiedName table,
        boolean custom,
        boolean ifNotExists,
        List<Target> targets,
        String className,
        Map<String, Term> properties) implements SchemaStatement {

    public enum TargetKind { SIMPLE, KEYS, VALUES, ENTRIES, FULL }

    /** {@code c}, {@code keys(c)}, {@code values(c)}, {@code entries(c)} or {@code full(c)}. */
    public record Target(ColumnIdentifier column, TargetKind kind) {}

    public CreateIndexStatement {
        targets = List.copyOf(targets);
        properties = OrderedMaps.copyOf(properties);
    }
}
