package org.charybdis.server.auth;

import org.charybdis.cql.syntax.Permission;

import java.util.Map;
import java.util.Set;

/**
 * A logged-in role as the authorizer sees it: the roles it holds (itself and every role granted to it,
 * transitively), whether any of them is a superuser, and the permissions they hold together, by resource name.
 * Immutable; shared by the requests of one shard while its cache entry is valid.
 */
public record Subject(String name, Set<String> roles, boolean superuser, Map<String, Set<Permission>> permissions) {
    public Subject {
        roles = Set.copyOf(roles);
        permissions = Map.copyOf(permissions);
    }

    /** Superusers hold every permission; others need it granted on the resource or one of its parents. */
    public boolean has(Permission permission, AuthResource resource) {
        if (superuser) return true;
        for (AuthResource r = resource; r != null; r = r.parent()) {
            Set<Permission> granted = permissions.get(r.name());
            if (granted != null && granted.contains(permission)) return true;
        }
        return false;
    }
}
