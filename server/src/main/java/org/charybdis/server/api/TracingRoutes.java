package org.charybdis.server.api;

import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.http.HttpEndpoint.Request;
import org.charybdis.server.tracing.Tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code /storage_service/trace_probability}, as ScyllaDB's: GET answers the share of requests traced without the
 * client asking, POST {@code ?probability=P} sets it until restart ({@code nodetool gettraceprobability},
 * {@code settraceprobability}); {@code trace_probability} in the configuration sets it at start.
 */
public final class TracingRoutes {
    private static final String PATH = "/storage_service/trace_probability";

    private final Tracing tracing;

    public TracingRoutes(Tracing tracing) {
        this.tracing = tracing;
    }

    public AdminApi registerOn(AdminApi api) {
        return api.get(PATH, tracing::probability).post(PATH, this::setProbability);
    }

    private CompletionStage<Map<String, Object>> setProbability(Request request) {
        List<String> given = request.parameters().getOrDefault("probability", List.of());
        if (given.isEmpty()) throw new BadAdminRequest("Give the trace probability: probability=P, between 0 and 1");
        double probability;
        try {
            probability = ServerConfig.TRACE_PROBABILITY.parser().apply(given.getFirst()); // the configuration's rule
        } catch (IllegalArgumentException e) {
            throw new BadAdminRequest("Invalid trace probability '" + given.getFirst() + "': " + e.getMessage());
        }
        tracing.probability(probability);
        return CompletableFuture.completedFuture(Map.of("trace_probability", probability));
    }
}
