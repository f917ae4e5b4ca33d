package org.charybdis.server.auth;

import org.charybdis.server.cql.ClientState.AuthenticatedUser;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** No login: every client is the anonymous superuser, as with Cassandra's AllowAllAuthenticator. */
public final class AllowAllAuthenticator implements Authenticator {
    @Override
    public boolean requireAuthentication() {
        return false;
    }

    @Override
    public String className() {
        return "org.apache.cassandra.auth.AllowAllAuthenticator";
    }

    @Override
    public CompletionStage<AuthenticatedUser> authenticate(String user, String password) {
        return CompletableFuture.completedFuture(AuthenticatedUser.ANONYMOUS);
    }
}
