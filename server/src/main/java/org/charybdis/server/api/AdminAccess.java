package org.charybdis.server.api;

import org.charybdis.cql.exceptions.AuthenticationException;
import org.charybdis.server.audit.AuditLog;
import org.charybdis.server.auth.Authenticator;
import org.charybdis.server.http.HttpEndpoint.Reply;
import org.charybdis.server.http.HttpEndpoint.Request;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The door of the admin API. With {@code api_authentication: password} every request must carry a superuser's
 * credentials (HTTP basic), checked against {@code system_auth.roles} like a CQL login: none or wrong ones are
 * answered 401 with {@code WWW-Authenticate}, a role that is no superuser (itself or through granted roles) 403,
 * both with the API's {@code {"error": ...}} body. Actions (POST, DELETE) and refused requests are audited as ADMIN.
 */
public final class AdminAccess implements Function<Request, CompletionStage<Reply>> {
    static final String CHALLENGE = "Basic realm=\"Charybdis admin API\", charset=\"UTF-8\"";

    private final Function<Request, CompletionStage<Reply>> api;
    private final Authenticator credentials;
    private final AuditLog audit;
    private final Executor answerOn;

    /**
     * @param credentials checks user and password, or null when the API requires none
     * @param answerOn    where the API runs once credentials are checked: the operator event loop
     */
    public AdminAccess(Function<Request, CompletionStage<Reply>> api, Authenticator credentials, AuditLog audit, Executor answerOn) {
        this.api = api;
        this.credentials = credentials;
        this.audit = audit;
        this.answerOn = answerOn;
    }

    @Override
    public CompletionStage<Reply> apply(Request request) {
        if (credentials == null) return audited(request, null, api.apply(request));
        String[] basic = basicCredentials(request.header("authorization"));
        if (basic == null) {
            return audited(request, null, CompletableFuture.completedFuture(
                    unauthorized("The admin API requires a superuser's credentials (HTTP basic authentication)")));
        }
        String user = basic[0];
        CompletionStage<Reply> reply = credentials.authenticate(user, basic[1]).handleAsync((role, failure) -> {
            if (failure != null) {
                Throwable cause = unwrap(failure);
                String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
                return CompletableFuture.completedFuture(cause instanceof AuthenticationException ? unauthorized(message)
                        : error(500, "Could not check the credentials: " + message, Map.of()));
            }
            if (!role.superuser()) {
                return CompletableFuture.completedFuture(error(403, "User " + user + " is not a superuser; the admin API requires one", Map.of()));
            }
            return api.apply(request);
        }, answerOn).thenCompose(answer -> answer);
        return audited(request, user, reply);
    }

    /** ADMIN events: every action (POST, DELETE), and every request refused for its credentials. */
    private CompletionStage<Reply> audited(Request request, String user, CompletionStage<Reply> reply) {
        if (!audit.enabled()) return reply;
        return reply.whenComplete((answer, failure) -> {
            int status = failure != null ? 500 : answer == null ? 404 : answer.status();
            if (request.method().equals("POST") || request.method().equals("DELETE") || status == 401 || status == 403) {
                InetAddress source = request.remote() == null ? null : request.remote().getAddress();
                audit.admin(request.method() + " " + request.uri(), source, user, status >= 400);
            }
        });
    }

    /** {@code [user, password]} of an {@code Authorization: Basic ...} header, or null if there is none or it is malformed. */
    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return null;
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static Reply unauthorized(String message) {
        return error(401, message, Map.of("WWW-Authenticate", CHALLENGE));
    }

    private static Reply error(int status, String message, Map<String, String> headers) {
        return new Reply(status, "application/json", AdminApi.toJson(Map.of("error", message)), headers);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
