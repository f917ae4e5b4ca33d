package org.charybdis.server.cql.statements.auth;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.server.auth.PasswordAuthenticator;
import org.charybdis.server.cql.ClientState.AuthenticatedUser;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What every role and permission statement shares: it needs a logged-in, non-anonymous role (so with
 * AllowAllAuthenticator every one of them is refused, as in Cassandra), and it runs against the role
 * tables as that role, read fresh.
 */
abstract class AuthStatementBase implements CqlStatement {
    static final String NOT_ANONYMOUS = "You have to be logged in and not anonymous to perform this request";

    @Override
    public List<ColumnSpec> bindVariables() {
        return List.of();
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        AuthenticatedUser user = context.client().user();
        if (user == null || user == AuthenticatedUser.ANONYMOUS
                || !(context.server().authenticator() instanceof PasswordAuthenticator)) {
            throw new UnauthorizedException(NOT_ANONYMOUS);
        }
    }

    /**
     * Runs as the logged-in role; a statement that changed roles or grants is answered once every shard's authorizer
     * cache has forgotten them, so the change holds for the very next request.
     */
    @Override
    public final CompletionStage<? extends Result> execute(ExecutionContext context) {
        checkAccess(context);
        PasswordAuthenticator auth = (PasswordAuthenticator) context.server().authenticator();
        var authorizer = context.server().authorizer();
        CompletableFuture<? extends Result> result = Performer.load(auth, context.client().user().name(), authorizer.requireAuthorization())
                .thenCompose(performer -> run(context, auth, performer));
        if (!changesAuth()) return result;
        return result.thenCompose(r -> authorizer.invalidate().thenApply(ignored -> r));
    }

    /** False for statements that only list. */
    boolean changesAuth() {
        return true;
    }

    /** What Cassandra answers when the authorizer keeps no grants (AllowAllAuthorizer) and a statement needs them. */
    static void requireGrants(ExecutionContext context, String operation) {
        var authorizer = context.server().authorizer();
        if (!authorizer.requireAuthorization()) {
            throw new InvalidRequestException(operation + " operation is not supported by " + authorizer.className());
        }
    }

    /** The statement's work; errors thrown here or failing the future reach the client. */
    abstract CompletableFuture<? extends Result> run(ExecutionContext context, PasswordAuthenticator auth, Performer performer);

    static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
