package org.charybdis.cql.syntax;

/** {@code LIST permissions [ON resource] [OF role] [NORECURSIVE]}; resource and of are null when absent. */
public record ListPermissionsStatement(PermissionSet permissions, Resource resource, String of, boolean recursive) implements AuthStatement {}
