package org.charybdis.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.charybdis.server.http.HttpEndpoint.Reply;
import org.charybdis.server.http.HttpEndpoint.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The REST admin API behind {@code charybdis admin}: each route answers JSON. Routes are registered by
 * the subsystems that own the facts (node status, table stats, flush, ...). A failed route answers
 * {@code {"error": "..."}}: 400 for a {@link BadAdminRequest}, 500 otherwise, never a stack trace.
 * <p>
 * A path may hold variables as ScyllaDB's REST API does ({@code /storage_service/keyspace_scrub/{keyspace}}): a
 * request matches it when it has the same segments elsewhere, and reaches the route with each variable's segment
 * as a query parameter of the variable's name. Exact paths win over patterns.
 * <p>
 * A route whose value is a {@link Reply} answers with it as it is (a page, a stream of events) rather than as JSON.
 */
public final class AdminApi implements Function<Request, CompletionStage<Reply>> {
    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    // records answer with snake_case keys, like the hand-built maps
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Map<String, Function<Request, CompletionStage<?>>> routes = new LinkedHashMap<>();

    /** A read-only route: GET path answers the supplier's value as JSON. */
    public AdminApi get(String path, Supplier<?> supplier) {
        routes.put("GET " + path, request -> CompletableFuture.completedFuture(supplier.get()));
        return this;
    }

    /** A read-only route whose answer depends on the request or comes later, e.g. stats gathered from every shard. */
    public AdminApi getAsync(String path, Function<Request, ? extends CompletionStage<?>> answer) {
        routes.put("GET " + path, answer::apply);
        return this;
    }

    /** An action route (POST) that may complete later, e.g. a flush on every shard. */
    public AdminApi post(String path, Function<Request, ? extends CompletionStage<?>> action) {
        routes.put("POST " + path, action::apply);
        return this;
    }

    /** An action route that undoes or turns something off (DELETE), as ScyllaDB's API has them. */
    public AdminApi delete(String path, Function<Request, ? extends CompletionStage<?>> action) {
        routes.put("DELETE " + path, action::apply);
        return this;
    }

    @Override
    public CompletionStage<Reply> apply(Request request) {
        if (request.method().equals("GET") && request.path().equals("/")) {
            return CompletableFuture.completedFuture(Reply.json(toJson(routes.keySet())));
        }
        Function<Request, CompletionStage<?>> route = routes.get(request.method() + " " + request.path());
        if (route == null) {
            for (Map.Entry<String, Function<Request, CompletionStage<?>>> pattern : routes.entrySet()) {
                Request matched = withPathVariables(pattern.getKey(), request);
                if (matched != null) return answer(pattern.getValue(), matched);
            }
            return CompletableFuture.completedFuture(null);
        }
        return answer(route, request);
    }

    private CompletionStage<Reply> answer(Function<Request, CompletionStage<?>> route, Request request) {
        CompletionStage<?> answer;
        try {
            answer = route.apply(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((value, failure) -> failure != null ? failed(request, failure)
                : value instanceof Reply reply ? reply : Reply.json(toJson(value)));
    }

    /**
     * The request with the variables of the route's path (its {@code {name}} segments) added to its parameters, or null
     * when the route is no pattern or the request's method or path does not match it.
     */
    static Request withPathVariables(String route, Request request) {
        if (!route.contains("{")) return null;
        String[] wanted = route.split(" ", 2);
        if (!wanted[0].equals(request.method())) return null;
        String[] pattern = wanted[1].split("/", -1);
        String[] path = request.path().split("/", -1);
        if (pattern.length != path.length) return null;
        Map<String, java.util.List<String>> parameters = new LinkedHashMap<>(request.parameters());
        for (int i = 0; i < pattern.length; i++) {
            String segment = pattern[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (path[i].isEmpty()) return null;
                parameters.put(segment.substring(1, segment.length() - 1),
                        java.util.List.of(java.net.URLDecoder.decode(path[i], java.nio.charset.StandardCharsets.UTF_8)));
            } else if (!segment.equals(path[i])) {
                return null;
            }
        }
        return new Request(request.method(), request.path(), parameters, request.uri(), request.headers(), request.remote());
    }

    private static Reply failed(Request request, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        int status = cause instanceof BadAdminRequest ? 400 : 500;
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        // an operation the engine does not offer is no server fault: no stack trace in the log for it
        if (cause instanceof UnsupportedOperationException) log.warn("Admin request {} {} refused: {}", request.method(), request.path(), message);
        else if (status == 500) log.warn("Admin request {} {} failed", request.method(), request.path(), cause);
        return new Reply(status, "application/json", toJson(Map.of("error", message)));
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render admin answer as JSON", e);
        }
    }
}
