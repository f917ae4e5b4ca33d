package org.charybdis.server.cql.statements.auth;

import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.auth.Access;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.auth.PasswordAuthenticator;
import org.charybdis.server.auth.Subject;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The logged-in role running an auth statement, read fresh from the role tables (not from a cache, so that a role
 * statement always sees the latest grants).
 *
 * @param enforced whether the authorizer checks grants; when it does not (AllowAllAuthorizer), every permission is held
 */
record Performer(Subject subject, boolean enforced) {

    static CompletableFuture<Performer> load(PasswordAuthenticator auth, String name, boolean enforced) {
        return Subject.load(auth, name, role -> auth.roles().rolesOf(role, true)).thenApply(subject -> new Performer(subject, enforced));
    }

    String name() {
        return subject.name();
    }

    /** The role itself and every role granted to it. */
    Set<String> roles() {
        return subject.roles();
    }

    boolean superuser() {
        return subject.superuser();
    }

    boolean has(Permission permission, AuthResource resource) {
        return !enforced || subject.has(permission, resource);
    }

    /** Role management's check, with Cassandra's wording. */
    void requireOnRoles(Permission permission, AuthResource resource) {
        if (!has(permission, resource)) {
            throw new UnauthorizedException("User " + name() + " does not have sufficient privileges to perform the requested operation");
        }
    }

    /** The general check, with Cassandra's wording. */
    void require(Permission permission, AuthResource resource) {
        if (!has(permission, resource)) throw Access.missing(name(), permission, resource);
    }
}
