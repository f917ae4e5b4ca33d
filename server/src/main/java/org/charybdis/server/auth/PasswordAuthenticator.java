package org.charybdis.server.auth;

import org.charybdis.cql.exceptions.AuthenticationException;
import org.charybdis.scheduler.Shard;
import org.charybdis.server.cql.ClientState.AuthenticatedUser;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Logins checked against {@code system_auth.roles} with bcrypt, as Cassandra's PasswordAuthenticator.
 * bcrypt costs tens of milliseconds, so hashing runs on a small dedicated pool and the answer comes
 * back on the shard that asked; shard threads never wait for it.
 */
public final class PasswordAuthenticator implements Authenticator, AutoCloseable {
    public static final String DEFAULT_SUPERUSER = "cassandra";
    private static final Logger log = LoggerFactory.getLogger(PasswordAuthenticator.class);

    private final RoleStore roles;
    private final PermissionStore permissions;
    private final PasswordHasher hasher;
    private final ExecutorService hashing;

    public PasswordAuthenticator(Database database, Supplier<Schema> schema, PasswordHasher hasher) {
        this.roles = new RoleStore(database, schema);
        this.permissions = new PermissionStore(database, schema);
        this.hasher = hasher;
        AtomicInteger threads = new AtomicInteger();
        this.hashing = Executors.newFixedThreadPool(2, task -> {
            Thread t = new Thread(task, "auth-hashing-" + threads.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean requireAuthentication() {
        return true;
    }

    @Override
    public String className() {
        return "org.apache.cassandra.auth.PasswordAuthenticator";
    }

    @Override
    public CompletionStage<AuthenticatedUser> authenticate(String user, String password) {
        return roles.get(user).thenCompose(role -> {
            String hash = role == null ? null : role.saltedHash();
            return offShard(() -> hash != null && hasher.verify(password, hash)).thenCompose(matches -> {
                if (!matches) throw new AuthenticationException("Provided username " + user + " and/or password are incorrect");
                if (!role.canLogin()) throw new AuthenticationException(user + " is not permitted to log in");
                return isSuperuser(user).thenApply(superuser -> new AuthenticatedUser(user, superuser));
            });
        });
    }

    public RoleStore roles() {
        return roles;
    }

    public PermissionStore permissions() {
        return permissions;
    }

    /** The salted hash of a password, computed off the shard threads; completes on the calling shard. */
    public CompletableFuture<String> hash(String password) {
        return offShard(() -> hasher.hash(password));
    }

    /** Whether the role or any role granted to it (transitively) is a superuser. */
    public CompletableFuture<Boolean> isSuperuser(String role) {
        return roles.rolesOf(role, true).thenApply(granted -> granted.stream().anyMatch(Role::superuser));
    }

    /**
     * Creates the default superuser {@code cassandra}/{@code cassandra} when no role exists yet, as
     * Cassandra does on first start.
     */
    public CompletableFuture<Void> setupDefaultSuperuser() {
        return roles.all().thenCompose(existing -> {
            if (!existing.isEmpty()) return CompletableFuture.completedFuture(null);
            return hash(DEFAULT_SUPERUSER).thenCompose(hash -> {
                log.info("Created default superuser role '{}'", DEFAULT_SUPERUSER);
                return roles.create(new Role(DEFAULT_SUPERUSER, true, true, hash, Set.of()), System.currentTimeMillis() * 1000);
            });
        });
    }

    @Override
    public void close() {
        hashing.shutdownNow();
    }

    /** Runs CPU-heavy work on the hashing pool; completes back on the calling shard (if any) in its group. */
    private <T> CompletableFuture<T> offShard(Supplier<T> work) {
        return Shard.offload(hashing, work::get);
    }
}
