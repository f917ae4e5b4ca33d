package org.charybdis.server.cql.statements.auth;

import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.auth.PasswordAuthenticator;
import org.charybdis.server.auth.PermissionStore.Grant;
import org.charybdis.server.auth.Role;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The logged-in role running an auth statement, read fresh from the role tables: the roles it holds
 * (itself and every role granted to it), whether any of them is a superuser, and their grants.
 *
 * @param enforced whether the authorizer checks grants; when it does not (AllowAllAuthorizer), every permission is held
 */
record Performer(String name, Set<String> roles, boolean superuser, List<Grant> grants, boolean enforced) {

    static CompletableFuture<Performer> load(PasswordAuthenticator auth, String name, boolean enforced) {
        return auth.roles().rolesOf(name, true).thenCompose(roles ->
            auth.permissions().ofRoles(roles).thenApply(grants -> {
                Set<String> names = roles.stream().map(Role::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
                return new Performer(name, names, roles.stream().anyMatch(Role::superuser), grants, enforced);
            }));
    }

    /** Superusers hold every permission; others need a grant on the resource or one of its parents. */
    boolean has(Permission permission, AuthResource resource) {
        if (superuser || !enforced) return true;
        for (AuthResource r : resource.chain()) {
            for (Grant grant : grants) {
                if (grant.resource().name().equals(r.name()) && grant.permissions().contains(permission)) return true;
            }
        }
        return false;
    }

    /** Role management's check, with Cassandra's wording. */
    void requireOnRoles(Permission permission, AuthResource resource) {
        if (!has(permission, resource)) {
            throw new UnauthorizedException("User " + name + " does not have sufficient privileges to perform the requested operation");
        }
    }

    /** The general permission check, with Cassandra's wording. */
    void require(Permission permission, AuthResource resource) {
        if (!has(permission, resource)) {
            throw new UnauthorizedException("User " + name + " has no " + permission + " permission on " + resource + " or any of its parents");
        }
    }
}
