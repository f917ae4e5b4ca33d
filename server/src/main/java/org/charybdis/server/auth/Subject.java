package org.charybdis.server.auth;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.system.SystemKeyspaces;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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

    /** The role's subject, read from the role tables ({@code rolesOf} gives the role and the roles granted to it). */
    public static CompletableFuture<Subject> load(PasswordAuthenticator auth, String name, Function<String, CompletableFuture<List<Role>>> rolesOf) {
        return rolesOf.apply(name).thenCompose(held -> auth.permissions().ofRoles(held).thenApply(grants -> of(name, held, grants)));
    }

    private static Subject of(String name, List<Role> held, List<PermissionStore.Grant> grants) {
        Set<String> names = new LinkedHashSet<>();
        boolean superuser = false;
        for (Role role : held) {
            names.add(role.name());
            superuser |= role.superuser();
        }
        Map<String, Set<Permission>> permissions = new HashMap<>();
        for (PermissionStore.Grant grant : grants) {
            permissions.computeIfAbsent(grant.resource().name(), r -> EnumSet.noneOf(Permission.class)).addAll(grant.permissions());
        }
        return new Subject(name, names, superuser, permissions);
    }

    /**
     * Superusers hold every permission; others need it granted on the resource or one of its parents, except that, as
     * in Cassandra, a grant on all keyspaces does not reach into the system keyspaces.
     */
    public boolean has(Permission permission, AuthResource resource) {
        if (superuser) return true;
        boolean system = resource.keyspace() != null && SystemKeyspaces.isSystem(resource.keyspace());
        for (AuthResource r = resource; r != null && !(system && r.parent() == null); r = r.parent()) {
            Set<Permission> granted = permissions.get(r.name());
            if (granted != null && granted.contains(permission)) return true;
        }
        return false;
    }
}
