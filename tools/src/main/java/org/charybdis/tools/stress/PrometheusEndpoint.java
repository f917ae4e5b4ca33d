package org.charybdis.tools.stress;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The server's Prometheus endpoint ({@code prometheus_port}), read before and after the workloads. */
record PrometheusEndpoint(String host, int port) {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The server's shard hop counters now. @throws StressFailure when the endpoint does not answer them */
    ServerHops hops() {
        String exposition = scrape();
        if (!exposition.contains(ServerHops.LOCAL)) {
            throw new StressFailure(url() + " has no " + ServerHops.LOCAL + ": not a Charybdis node's Prometheus port?", null);
        }
        return ServerHops.parse(exposition);
    }

    String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/metrics";
    }

    private String scrape() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url())).timeout(TIMEOUT).GET().build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new StressFailure(url() + " answered " + response.statusCode(), null);
            return response.body();
        } catch (IOException e) {
            throw new StressFailure("cannot read " + url() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StressFailure("interrupted while reading " + url(), e);
        }
    }
}
