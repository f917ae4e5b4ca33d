package org.charybdis.cql.messages;

import org.charybdis.cql.types.CqlType;

/** A result column or bind variable: where it comes from, its name and its type. */
public record ColumnSpec(String keyspace, String table, String name, CqlType type) {}
