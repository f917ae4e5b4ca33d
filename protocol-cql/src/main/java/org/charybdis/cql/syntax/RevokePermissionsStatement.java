package org.charybdis.cql.syntax;

/** {@code REVOKE permissions ON resource FROM revokee}. */
public record RevokePermissionsStatement(PermissionSet permissions, Resource resource, String revokee) implements AuthStatement {}
