package org.charybdis.cql.syntax;

/** {@code CREATE ROLE [IF NOT EXISTS] r [WITH options]}. */
public record CreateRoleStatement(String role, boolean ifNotExists, RoleOptions options) implements AuthStatement {}
