package org.charybdis.server.cql.statements.auth;

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

    @Override
    public final CompletionStage<? extends Result> execute(ExecutionContext context) {
        checkAccess(context);
        PasswordAuthenticator auth = (PasswordAuthenticator) context.server().authenticator();
        return Performer.load(auth, context.client().user().name())
                .thenCompose(performer -> run(context, auth, performer));
    }

    /** The statement's work; errors thrown here or failing the future reach the client. */
    abstract CompletableFuture<? extends Result> run(ExecutionContext context, PasswordAuthenticator auth, Performer performer);

    static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
