package org.charybdis.server.auth;

import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.server.cql.ClientState.AuthenticatedUser;

import java.util.concurrent.CompletableFuture;

/** Cassandra's default: every logged-in role may run every statement; there are no grants to keep. */
public final class AllowAllAuthorizer implements Authorizer {
    private static final CompletableFuture<Subject> NONE = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Override
    public String className() {
        return "AllowAllAuthorizer";
    }

    @Override
    public boolean requireAuthorization() {
        return false;
    }

    @Override
    public CompletableFuture<Subject> subject(AuthenticatedUser user) {
        return NONE;
    }

    @Override
    public CompletableFuture<Void> invalidate() {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> schemaChanged(SchemaChange change, AuthenticatedUser user, long timestampMicros) {
        return DONE;
    }
}
