package org.charybdis.cql.syntax;

/** {@code ALTER ROLE [IF EXISTS] r [WITH options]}. */
public record AlterRoleStatement(String role, boolean ifExists, RoleOptions options) implements AuthStatement {}
