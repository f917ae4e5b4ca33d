package org.charybdis.cql.syntax;

/** {@code GRANT role TO grantee}. */
public record GrantRoleStatement(String role, String grantee) implements AuthStatement {}
