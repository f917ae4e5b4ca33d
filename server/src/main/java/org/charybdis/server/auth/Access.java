package org.charybdis.server.auth;

import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.system.SystemKeyspaces;

import java.util.List;
import java.util.Set;

/**
 * What one request may do: the checks statements make before they run, with Cassandra's rules and messages.
 * The system keyspaces' schema is protected whoever asks, their node-local tables are written only by the node and
 * system_auth only by superusers; beyond that, without an authorizer that requires
 * authorization everything is allowed, and with one the request's {@link Subject} must hold the permission on
 * the resource or one of its parents (superusers hold every permission). A few system tables are readable by
 * every logged-in role, as in Cassandra, so that drivers and cqlsh work.
 */
public final class Access {
    /** Internal queries (start-up, tools): everything allowed. */
    public static final Access INTERNAL = new Access(null, null, true);
    private static final Access UNCHECKED = new Access(null, null, false);
    private static final Access UNCHECKED_SUPERUSER = new Access(null, null, true);

    private static final Set<String> READABLE_SYSTEM_TABLES = Set.of("local", "peers", "peers_v2", "size_estimates", "table_estimates");
    private static final Set<String> READABLE_SYSTEM_KEYSPACES = Set.of(SystemKeyspaces.SYSTEM_SCHEMA, SystemKeyspaces.SYSTEM_TRACES,
            SystemKeyspaces.SYSTEM_VIRTUAL_SCHEMA);

    private final String user;
    private final Subject subject;
    /** Whether the role is a superuser, when grants are not checked (it then comes from the login). */
    private final boolean superuser;

    private Access(String user, Subject subject, boolean superuser) {
        this.user = user;
        this.subject = subject;
        this.superuser = superuser;
    }

    /** The access of a logged-in role whose grants are checked. */
    public static Access of(String user, Subject subject) {
        return new Access(user, subject, subject.superuser());
    }

    /** The access of a client whose grants are not checked (AllowAllAuthorizer, or not logged in). */
    public static Access unchecked(boolean superuser) {
        return superuser ? UNCHECKED_SUPERUSER : UNCHECKED;
    }

    /** Whether the role is a superuser (what sees password hashes). */
    public boolean superuser() {
        return superuser;
    }


    /** SELECT, MODIFY, ALTER or DROP on a table. */
    public void ensureTable(Permission permission, String keyspace, String table) {
        if (subject == null && !SystemKeyspaces.isSystem(keyspace)) return; // every request of an unchecked client: no garbage
        AuthResource resource = AuthResource.table(keyspace, table);
        protectSystemSchema(permission, resource, keyspace);
        if (permission == Permission.MODIFY) protectSystemData(resource, keyspace);
        if (permission == Permission.SELECT && readableByAll(keyspace, table)) return;
        ensure(permission, resource);
    }

    /**
     * Stricter than Cassandra, which lets a superuser write any system table: the node's own tables are written only by
     * the node, and the role tables only by superusers (a way back when roles are broken); grants do not open them.
     */
    private void protectSystemData(AuthResource resource, String keyspace) {
        if (this == INTERNAL) return;
        if (SystemKeyspaces.isLocal(keyspace)) throw new UnauthorizedException(keyspace + " keyspace is not user-modifiable.");
        if (keyspace.equals(SystemKeyspaces.SYSTEM_AUTH) && !superuser()) throw missing(user == null ? "anonymous" : user, Permission.MODIFY, resource);
    }

    /** A permission on a keyspace (ALTER, DROP) or, for {@code CREATE}, on all keyspaces. */
    public void ensureKeyspace(Permission permission, String keyspace) {
        AuthResource resource = AuthResource.keyspace(keyspace);
        protectSystemSchema(permission, resource, keyspace);
        ensure(permission, permission == Permission.CREATE ? AuthResource.allKeyspaces() : resource);
    }

    /** CREATE, ALTER or DROP of what a keyspace holds (tables, types): checked on all its tables. */
    public void ensureAllTables(Permission permission, String keyspace) {
        AuthResource resource = AuthResource.allTables(keyspace);
        protectSystemSchema(permission, resource, keyspace);
        ensure(permission, resource);
    }

    /** Whether the role holds a permission on a table (every role does when grants are not checked). */
    public boolean holds(Permission permission, String keyspace, String table) {
        return subject == null || subject.has(permission, AuthResource.table(keyspace, table));
    }

    /** Restricting masked columns in a WHERE clause needs UNMASK or SELECT_MASKED on the table, as in Cassandra 5.0. */
    public void ensureMaskedColumnsQueryable(String keyspace, String table, List<String> columns) {
        if (holds(Permission.UNMASK, keyspace, table) || holds(Permission.SELECT_MASKED, keyspace, table)) return;
        throw new UnauthorizedException("User " + user + " has no UNMASK nor SELECT_MASKED permission on table " + keyspace + "." + table
                + ", cannot query masked columns " + columns);
    }

    /** The general check, with Cassandra's wording. */
    public void ensure(Permission permission, AuthResource resource) {
        if (subject == null || subject.has(permission, resource)) return;
        throw missing(user, permission, resource);
    }

    /** Cassandra's error for a permission the role does not hold. */
    public static UnauthorizedException missing(String user, Permission permission, AuthResource resource) {
        return new UnauthorizedException("User " + user + " has no " + permission + " permission on " + resource + " or any of its parents");
    }

    /**
     * Cassandra's rule for the system keyspaces, checked for every role: the node-local ones' schema never changes;
     * the replicated ones (system_auth, ...) may only have their replication altered.
     */
    private void protectSystemSchema(Permission permission, AuthResource resource, String keyspace) {
        if (this == INTERNAL || (permission != Permission.CREATE && permission != Permission.ALTER && permission != Permission.DROP)) return;
        if (SystemKeyspaces.isLocal(keyspace)) throw new UnauthorizedException(keyspace + " keyspace is not user-modifiable.");
        if (SystemKeyspaces.isReplicated(keyspace) && !(permission == Permission.ALTER && resource.equals(AuthResource.keyspace(keyspace)))) {
            throw new UnauthorizedException("Cannot " + permission + " " + resource);
        }
    }

    private static boolean readableByAll(String keyspace, String table) {
        return READABLE_SYSTEM_KEYSPACES.contains(keyspace) || (keyspace.equals(SystemKeyspaces.SYSTEM) && READABLE_SYSTEM_TABLES.contains(table));
    }
}
