package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Request;
import org.charybdis.server.tracing.SlowQueryLog;
import org.charybdis.server.tracing.Tracing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code /storage_service/slow_query}, as ScyllaDB's: GET answers the slow query log's settings ({@code enable},
 * {@code ttl} in seconds, {@code threshold} in microseconds, {@code fast}); POST sets those given as query parameters
 * until restart, leaving the others. {@code slow_query_log_enabled} and {@code slow_query_log_timeout} in the
 * configuration set them at start.
 */
public final class SlowQueryRoutes {
    private static final String PATH = "/storage_service/slow_query";

    private final Tracing tracing;

    public SlowQueryRoutes(Tracing tracing) {
        this.tracing = tracing;
    }

    public AdminApi registerOn(AdminApi api) {
        return api.get(PATH, () -> answer(tracing.slowQueryLog())).post(PATH, this::set);
    }

    private CompletionStage<Map<String, Object>> set(Request request) {
        SlowQueryLog current = tracing.slowQueryLog();
        SlowQueryLog changed = new SlowQueryLog(
                AdminParameters.bool(request, "enable", current.enabled()),
                AdminParameters.number(request, "threshold", current.thresholdMicros(), 0, Integer.MAX_VALUE),
                (int) AdminParameters.number(request, "ttl", current.ttlSeconds(), 1, SlowQueryLog.MAX_TTL_SECONDS),
                AdminParameters.bool(request, "fast", current.fast()));
        tracing.slowQueryLog(changed);
        return CompletableFuture.completedFuture(answer(changed));
    }

    private static Map<String, Object> answer(SlowQueryLog settings) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("enable", settings.enabled());
        answer.put("ttl", settings.ttlSeconds());
        answer.put("threshold", settings.thresholdMicros());
        answer.put("fast", settings.fast());
        return answer;
    }
}
