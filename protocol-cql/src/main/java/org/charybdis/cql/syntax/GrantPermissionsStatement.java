package org.charybdis.cql.syntax;

/** {@code GRANT permissions ON resource TO grantee}. */
public record GrantPermissionsStatement(PermissionSet permissions, Resource resource, String grantee) implements AuthStatement {}
