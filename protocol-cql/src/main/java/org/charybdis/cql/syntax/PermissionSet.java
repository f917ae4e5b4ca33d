package org.charybdis.cql.syntax;

import java.util.EnumSet;
import java.util.Set;

/**
 * The permissions a statement names: one permission, or {@code ALL [PERMISSIONS]} (then {@code all} is
 * true and the set holds every permission; the server keeps those that apply to the resource).
 */
public record PermissionSet(boolean all, Set<Permission> permissions) {
    public PermissionSet {
        permissions = Set.copyOf(permissions);
    }

    public static PermissionSet allPermissions() {
        return new PermissionSet(true, EnumSet.allOf(Permission.class));
    }

    public static PermissionSet of(Permission permission) {
        return new PermissionSet(false, Set.of(permission));
    }
}
