package org.charybdis.server.auth;

import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.scheduler.Shard;
import org.charybdis.server.cql.ClientState.AuthenticatedUser;
import org.charybdis.server.replica.Database;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks statements against the grants in {@code system_auth.role_permissions}, as Cassandra's CassandraAuthorizer.
 * Each shard caches the roles a role holds ({@code roles_validity_in_ms}) and what they are granted together
 * ({@code permissions_validity_in_ms}); a GRANT, REVOKE or role change clears every shard's caches before it is
 * answered, so it takes effect at once.
 */
public final class CassandraAuthorizer implements Authorizer {
    private final PasswordAuthenticator auth;
    private final Database database;
    private final List<ShardAuthCache<String, List<Role>>> roles = new ArrayList<>();
    private final List<ShardAuthCache<String, Subject>> subjects = new ArrayList<>();

    public CassandraAuthorizer(PasswordAuthenticator auth, Database database, int shards, long rolesValidityMillis, long permissionsValidityMillis) {
        this.auth = auth;
        this.database = database;
        for (int i = 0; i < shards; i++) {
            roles.add(new ShardAuthCache<>(TimeUnit.MILLISECONDS.toNanos(rolesValidityMillis), System::nanoTime));
            subjects.add(new ShardAuthCache<>(TimeUnit.MILLISECONDS.toNanos(permissionsValidityMillis), System::nanoTime));
        }
    }

    @Override
    public String className() {
        return "CassandraAuthorizer";
    }

    @Override
    public boolean requireAuthorization() {
        return true;
    }

    @Override
    public CompletableFuture<Subject> subject(AuthenticatedUser user) {
        Shard shard = Shard.current();
        if (shard == null) return load(user.name(), name -> auth.roles().rolesOf(name, true)); // not a shard's thread: no cache
        ShardAuthCache<String, List<Role>> shardRoles = roles.get(shard.id());
        return subjects.get(shard.id()).get(user.name(), name -> load(name, role -> shardRoles.get(role, r -> auth.roles().rolesOf(r, true))));
    }

    private CompletableFuture<Subject> load(String name, java.util.function.Function<String, CompletableFuture<List<Role>>> rolesOf) {
        return Subject.load(auth, name, rolesOf);
    }

    @Override
    public CompletableFuture<Void> invalidate() {
        return database.onAllShards(storage -> {
            roles.get(storage.shardId()).clear();
            subjects.get(storage.shardId()).clear();
            return null;
        }).thenApply(ignored -> null);
    }

    @Override
    public CompletableFuture<Void> schemaChanged(SchemaChange change, AuthenticatedUser user, long timestampMicros) {
        AuthResource resource = switch (change.target()) {
            case KEYSPACE -> AuthResource.keyspace(change.keyspace());
            case TABLE -> AuthResource.table(change.keyspace(), change.name());
            case FUNCTION, AGGREGATE -> AuthResource.function(change.keyspace(), change.name() + "(" + String.join(", ", change.argTypes()) + ")");
            default -> null;
        };
        if (resource == null) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> done = switch (change.change()) {
            case CREATED -> grantToCreator(resource, change.keyspace(), user, timestampMicros);
            case DROPPED -> change.target() == SchemaChange.Target.KEYSPACE
                    ? CompletableFuture.allOf(auth.permissions().revokeAllUnder(resource, timestampMicros),
                            auth.permissions().revokeAllUnder(AuthResource.functionsIn(change.keyspace()), timestampMicros))
                    : auth.permissions().revokeAllOn(resource, timestampMicros);
            case UPDATED -> null;
        };
        return done == null ? CompletableFuture.completedFuture(null) : done.thenCompose(ignored -> invalidate());
    }

    /** As Cassandra: the creator of a keyspace may do everything on it and its functions; of a table, on the table. */
    private CompletableFuture<Void> grantToCreator(AuthResource resource, String keyspace, AuthenticatedUser user, long timestampMicros) {
        if (user == null || user == AuthenticatedUser.ANONYMOUS) return null;
        CompletableFuture<Void> granted = auth.permissions().grant(user.name(), resource, resource.applicable(), timestampMicros);
        if (resource.parent() != null && resource.parent().parent() == null) { // a keyspace
            AuthResource functions = AuthResource.functionsIn(keyspace);
            granted = granted.thenCompose(ignored -> auth.permissions().grant(user.name(), functions, functions.applicable(), timestampMicros));
        }
        return granted;
    }
}
