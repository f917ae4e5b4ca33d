package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Reply;
import org.charybdis.server.http.HttpEndpoint.Request;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing of the admin API: exact paths, ScyllaDB-style path variables, methods. */
class AdminApiTest {
    private final AdminApi api = new AdminApi()
            .post("/storage_service/keyspace_flush/{keyspace}", request -> CompletableFuture.completedFuture(request.parameters()))
            .get("/storage_service/keyspace_flush/everything", () -> "exact")
            .delete("/storage_service/native_transport", request -> CompletableFuture.completedFuture("stopped"))
            .getAsync("/system/logger/{name}", request -> {
                throw new BadAdminRequest("No logger named '" + request.parameters().get("name").getFirst() + "'");
            });

    @Test
    void aPathVariableBecomesAParameterBesideTheQuerys() {
        Reply reply = call("POST", "/storage_service/keyspace_flush/ks1", Map.of("cf", List.of("t1,t2")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("\"cf\" : [ \"t1,t2\" ]").contains("\"keyspace\" : [ \"ks1\" ]");
    }

    @Test
    void theMethodMustMatchAndAnExactPathWins() {
        assertThat(call("GET", "/storage_service/keyspace_flush/everything", Map.of()).body()).isEqualTo("\"exact\"\n");
        assertThat(call("GET", "/storage_service/keyspace_flush/ks1", Map.of())).isNull();
        assertThat(call("POST", "/storage_service/keyspace_flush/", Map.of())).isNull();
        assertThat(call("POST", "/storage_service/keyspace_flush/ks1/more", Map.of())).isNull();
    }

    @Test
    void deleteRoutesAnswerAndABadRequestIs400WithTheMessage() {
        assertThat(call("DELETE", "/storage_service/native_transport", Map.of()).body()).isEqualTo("\"stopped\"\n");
        assertThat(call("POST", "/storage_service/native_transport", Map.of())).isNull();

        Reply refused = call("GET", "/system/logger/nope", Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("No logger named 'nope'");
    }

    private Reply call(String method, String path, Map<String, List<String>> parameters) {
        return api.apply(new Request(method, path, parameters)).toCompletableFuture().join();
    }
}
