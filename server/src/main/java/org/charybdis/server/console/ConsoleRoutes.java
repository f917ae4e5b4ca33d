package org.charybdis.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.charybdis.server.api.AdminApi;
import org.charybdis.server.http.HttpEndpoint.Reply;
import org.charybdis.server.http.ServerSentEvents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The live console on the admin API, under the API's own access rules (credentials, TLS): {@code GET /console} the
 * page, {@code /console/console.js} and {@code .css} its script and style (resources of this jar, nothing from
 * elsewhere), {@code /console/stream} the samples as server-sent events, one a second, and {@code /console/stats}
 * the latest sample as JSON for pollers such as {@code charybdis top}. Shapes: {@code docs/console.md}.
 */
public final class ConsoleRoutes {
    // one line per sample: an event's data is one line
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final Map<String, String> ASSETS = Map.of(
            "/console", "console.html",
            "/console/console.js", "console.js",
            "/console/console.css", "console.css");

    private final LiveStats stats;

    public ConsoleRoutes(LiveStats stats) {
        this.stats = stats;
    }

    public AdminApi registerOn(AdminApi api) {
        ASSETS.forEach((path, resource) -> {
            Reply asset = asset(resource);
            api.get(path, () -> asset);
        });
        return api.getAsync("/console/stats", request -> stats.next())
                .getAsync("/console/stream", request -> CompletableFuture.completedFuture(Reply.events(this::stream)));
    }

    /** Sends every sample to the client until it leaves. */
    private void stream(ServerSentEvents.Sink sink) {
        sink.onClose(stats.subscribe(sample -> sink.send(json(sample))));
    }

    static String json(ConsoleSample sample) {
        try {
            return JSON.writeValueAsString(sample);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a console sample as JSON", e);
        }
    }

    private static Reply asset(String resource) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("console resource missing from the jar: " + resource);
            String type = resource.endsWith(".html") ? "text/html" : resource.endsWith(".js") ? "text/javascript" : "text/css";
            return new Reply(200, type + "; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    Map.of("Cache-Control", "no-cache"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
