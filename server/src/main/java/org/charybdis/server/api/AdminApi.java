package org.charybdis.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.charybdis.server.http.HttpEndpoint.Reply;
import org.charybdis.server.http.HttpEndpoint.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The REST admin API behind {@code charybdis admin}: each route answers JSON. Routes are registered by
 * the subsystems that own the facts (node status, table stats, flush, ...). A path may hold variables, as
 * ScyllaDB's REST API ({@code /storage_service/keyspace_flush/{keyspace}}): the route sees each one as a query
 * parameter of that name. A failed route answers {@code {"error": "..."}}: 400 for a {@link BadAdminRequest},
 * 500 otherwise, never a stack trace.
 */
public final class AdminApi implements Function<Request, CompletionStage<Reply>> {
    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    // records answer with snake_case keys, like the hand-built maps
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Map<String, Function<Request, CompletionStage<?>>> routes = new LinkedHashMap<>();
    /** Routes whose path holds {variables}, tried in order when no exact path matches. */
    private final List<PathTemplate> templates = new ArrayList<>();

    private record PathTemplate(String method, String[] segments, Function<Request, CompletionStage<?>> route) {
        /** The request with the path's variables added to its parameters, or null when the path does not fit. */
        Request match(Request request) {
            if (!request.method().equals(method)) return null;
            String[] given = request.path().split("/", -1);
            if (given.length != segments.length) return null;
            Map<String, List<String>> parameters = new LinkedHashMap<>(request.parameters());
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    if (given[i].isEmpty()) return null;
                    parameters.put(segment.substring(1, segment.length() - 1), List.of(given[i]));
                } else if (!segment.equals(given[i])) {
                    return null;
                }
            }
            return new Request(request.method(), request.path(), parameters, request.uri(), request.headers(), request.remote());
        }
    }

    /** A read-only route: GET path answers the supplier's value as JSON. */
    public AdminApi get(String path, Supplier<?> supplier) {
        return route("GET", path, request -> CompletableFuture.completedFuture(supplier.get()));
    }

    /** A read-only route whose answer depends on the request or comes later, e.g. stats gathered from every shard. */
    public AdminApi getAsync(String path, Function<Request, ? extends CompletionStage<?>> answer) {
        return route("GET", path, answer::apply);
    }

    /** An action route (POST) that may complete later, e.g. a flush on every shard. */
    public AdminApi post(String path, Function<Request, ? extends CompletionStage<?>> action) {
        return route("POST", path, action::apply);
    }

    /** An action route (DELETE) that undoes or clears, e.g. stopping the native transport. */
    public AdminApi delete(String path, Function<Request, ? extends CompletionStage<?>> action) {
        return route("DELETE", path, action::apply);
    }

    private AdminApi route(String method, String path, Function<Request, CompletionStage<?>> route) {
        routes.put(method + " " + path, route);
        if (path.contains("{")) templates.add(new PathTemplate(method, path.split("/", -1), route));
        return this;
    }

    @Override
    public CompletionStage<Reply> apply(Request request) {
        if (request.method().equals("GET") && request.path().equals("/")) {
            return CompletableFuture.completedFuture(Reply.json(toJson(routes.keySet())));
        }
        Function<Request, CompletionStage<?>> route = routes.get(request.method() + " " + request.path());
        Request routed = request;
        for (int i = 0; route == null && i < templates.size(); i++) {
            routed = templates.get(i).match(request);
            if (routed != null) route = templates.get(i).route();
        }
        if (route == null) return CompletableFuture.completedFuture(null);
        CompletionStage<?> answer;
        try {
            answer = route.apply(routed);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((value, failure) -> failure == null ? Reply.json(toJson(value)) : failed(request, failure));
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
