package org.charybdis.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.charybdis.server.http.HttpEndpoint.Reply;
import org.charybdis.server.http.HttpEndpoint.Request;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The REST admin API behind {@code charybdis admin}: each route answers JSON. Routes are registered by
 * the subsystems that own the facts (node status, table stats, flush, ...).
 */
public final class AdminApi implements Function<Request, CompletionStage<Reply>> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Function<Request, CompletionStage<?>>> routes = new LinkedHashMap<>();

    /** A read-only route: GET path answers the supplier's value as JSON. */
    public AdminApi get(String path, Supplier<?> supplier) {
        routes.put("GET " + path, request -> CompletableFuture.completedFuture(supplier.get()));
        return this;
    }

    /** An action route (POST) that may complete later, e.g. a flush on every shard. */
    public AdminApi post(String path, Function<Request, CompletionStage<?>> action) {
        routes.put("POST " + path, action);
        return this;
    }

    @Override
    public CompletionStage<Reply> apply(Request request) {
        if (request.method().equals("GET") && request.path().equals("/")) {
            return CompletableFuture.completedFuture(Reply.json(toJson(routes.keySet())));
        }
        Function<Request, CompletionStage<?>> route = routes.get(request.method() + " " + request.path());
        if (route == null) return CompletableFuture.completedFuture(null);
        return route.apply(request).thenApply(value -> Reply.json(toJson(value)));
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render admin answer as JSON", e);
        }
    }
}
