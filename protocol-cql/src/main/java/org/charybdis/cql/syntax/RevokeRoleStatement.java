package org.charybdis.cql.syntax;

/** {@code REVOKE role FROM revokee}. */
public record RevokeRoleStatement(String role, String revokee) implements AuthStatement {}
