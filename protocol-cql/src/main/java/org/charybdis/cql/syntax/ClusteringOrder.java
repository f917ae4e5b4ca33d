package org.charybdis.cql.syntax;

/** One item of {@code CLUSTERING ORDER BY (c DESC, ...)}. */
public record ClusteringOrder(ColumnIdentifier column, boolean descending) {}
