package org.charybdis.cql.syntax;

/** {@code DROP ROLE [IF EXISTS] r}. */
public record DropRoleStatement(String role, boolean ifExists) implements AuthStatement {}
