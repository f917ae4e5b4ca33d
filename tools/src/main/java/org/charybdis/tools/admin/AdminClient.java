package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.charybdis.server.tls.KeyMaterial;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * Talks to a node's REST admin API: GET for facts, POST for operations. A refusal becomes an
 * {@link IOException} carrying the node's own message (its {@code {"error": ...}} answer).
 */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    // flush, compaction and drain of a large node take a while: answer when every shard is done
    private static final Duration OPERATION_TIMEOUT = Duration.ofHours(2);

    private final String host;
    private final int port;
    private final String scheme;
    private final HttpClient client;
    /** The Authorization header (HTTP basic), or null to send no credentials. */
    private final String authorization;

    /**
     * @param tls  the context of an HTTPS connection, or null for plain HTTP
     * @param user the role to send credentials of (HTTP basic), or null to send none
     */
    AdminClient(String host, int port, SSLContext tls, String user, String password) {
        this.host = host;
        this.port = port;
        this.scheme = tls == null ? "http" : "https";
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) builder.sslContext(tls);
        this.client = builder.build();
        this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An HTTPS context trusting the CA certificates of caFile (PEM or keystore), or the JDK's CAs when null. */
    static SSLContext sslContext(Path caFile, String password) {
        try {
            if (caFile == null) return SSLContext.getDefault();
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(KeyMaterial.trustStore("--api-cacert", caFile, password, ""));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** GET pathAndQuery, e.g. {@code /storage/tablestats?keyspace=ks}. */
    public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, Duration.ZERO);
    }

    /** GET of an answer the node gives only after {@code takes} (a sampling), within the usual minute beyond it. */
    JsonNode get(String pathAndQuery, Duration takes) throws IOException, InterruptedException {
        return send(request(pathAndQuery).timeout(Duration.ofSeconds(60).plus(takes)).GET().build(), pathAndQuery);
    }

    /** POST pathAndQuery (no body), e.g. {@code /storage/flush?keyspace=ks}. */
    JsonNode post(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).timeout(OPERATION_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(), pathAndQuery);
    }

    /** DELETE pathAndQuery (no body): what turns something off, e.g. {@code /storage/autocompaction?keyspace=ks}. */
    JsonNode delete(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).timeout(OPERATION_TIMEOUT).DELETE().build(), pathAndQuery);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(scheme + "://" + host + ":" + port + pathAndQuery));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private JsonNode send(HttpRequest request, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("cannot reach the admin API at " + host + ":" + port + " (is the node running? see api_port)");
        } catch (SSLException e) {
            throw new IOException("TLS with the admin API at " + host + ":" + port + " failed: " + e.getMessage()
                    + " (see --api-tls, --api-cacert and the node's api_encryption_options)");
        }
        if (response.statusCode() == 401) {
            throw new IOException(refusal(response, pathAndQuery) + " (give -u/--username and -pw/--password or -pwf/--password-file, or set CHARYBDIS_API_USER and CHARYBDIS_API_PASSWORD)");
        }
        if (response.statusCode() != 200) throw new IOException(refusal(response, pathAndQuery));
        return JSON.readTree(response.body());
    }

    /** The node's error message when it sent one, else the status and body. */
    private static String refusal(HttpResponse<String> response, String pathAndQuery) {
        String body = response.body().trim();
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) return error.asText();
        } catch (IOException notJson) {
            // fall through to the raw answer
        }
        return "admin API answered " + response.statusCode() + " for " + pathAndQuery + ": " + body;
    }
}
