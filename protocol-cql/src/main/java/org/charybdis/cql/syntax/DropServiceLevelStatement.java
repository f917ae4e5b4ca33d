package org.charybdis.cql.syntax;

/** {@code DROP SERVICE LEVEL [IF EXISTS] sl}. */
public record DropServiceLevelStatement(String serviceLevel, boolean ifExists) implements ServiceLevelStatement {}
