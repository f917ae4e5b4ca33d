package org.charybdis.cql.syntax;

/** One ORDER BY item: {@code c [ASC|DESC]}, or a vector search {@code c ANN OF [...]} (then annOf != null). */
public record Ordering(ColumnIdentifier column, boolean descending, Term annOf) {}
