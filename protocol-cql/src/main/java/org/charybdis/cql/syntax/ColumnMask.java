package org.charybdis.cql.syntax;

import java.util.List;

/** Cassandra 5.0 dynamic data masking: {@code MASKED WITH f(args)}; {@code MASKED WITH DEFAULT} is {@code mask_default()}. */
public record ColumnMask(QualifiedName function, List<Term> arguments) {
    public ColumnMask {
        arguments = List.copyOf(arguments);
    }
}
