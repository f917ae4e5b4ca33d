package org.charybdis.server.auth;

import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.server.cql.ClientState.AuthenticatedUser;

import java.util.concurrent.CompletableFuture;

/**
 * Decides what a logged-in role may do, as Cassandra's {@code authorizer} setting names it: AllowAllAuthorizer
 * lets everyone do everything and keeps no grants; CassandraAuthorizer checks the grants stored in
 * {@code system_auth.role_permissions}.
 */
public interface Authorizer {
    /** Cassandra's class name, used in messages. */
    String className();

    /** True when statements are checked against grants. */
    boolean requireAuthorization();

    /**
     * What the role holds, for the request about to run; null when authorization is not required. Completes on the
     * calling shard, at once while the shard's cache holds the role.
     */
    CompletableFuture<Subject> subject(AuthenticatedUser user);

    /** Drops every shard's cached roles and permissions: grants or roles changed. Completes once every shard dropped them. */
    CompletableFuture<Void> invalidate();

    /**
     * A schema change made by {@code user} took effect: the creator of a keyspace or table is granted everything on
     * it, and whatever was granted on a dropped one is revoked, so that one created again starts clean.
     */
    CompletableFuture<Void> schemaChanged(SchemaChange change, AuthenticatedUser user, long timestampMicros);
}
