package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Reply;
import org.charybdis.server.http.HttpEndpoint.Request;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing of the admin API: exact paths, ScyllaDB's path variables, methods. */
class AdminApiTest {
    private final AdminApi api = new AdminApi()
            .getAsync("/storage_service/keyspace_scrub/{keyspace}", request -> CompletableFuture.completedFuture(request.parameters()))
            .post("/storage_service/auto_compaction/{keyspace}", request -> CompletableFuture.completedFuture("on " + request.parameters().get("keyspace")))
            .delete("/storage_service/auto_compaction/{keyspace}", request -> CompletableFuture.completedFuture("off " + request.parameters().get("keyspace")))
            .get("/storage_service/keyspace_scrub/all", () -> "exact");

    @Test
    void aPathVariableBecomesAParameterBesideTheQuery() {
        Reply reply = answer("GET", "/storage_service/keyspace_scrub/ks1", Map.of("cf", List.of("t1,t2")));
        assertThat(reply.body()).contains("\"keyspace\" : [ \"ks1\" ]").contains("\"cf\" : [ \"t1,t2\" ]");
    }

    @Test
    void theMethodChoosesTheRoute() {
        assertThat(answer("POST", "/storage_service/auto_compaction/ks", Map.of()).body()).contains("on [ks]");
        assertThat(answer("DELETE", "/storage_service/auto_compaction/ks", Map.of()).body()).contains("off [ks]");
        assertThat(answer("GET", "/storage_service/auto_compaction/ks", Map.of())).isNull();
    }

    @Test
    void exactPathsWinAndOtherShapesDoNotMatch() {
        assertThat(answer("GET", "/storage_service/keyspace_scrub/all", Map.of()).body()).contains("exact");
        assertThat(answer("GET", "/storage_service/keyspace_scrub/", Map.of())).isNull();
        assertThat(answer("GET", "/storage_service/keyspace_scrub/ks/more", Map.of())).isNull();
        assertThat(answer("GET", "/storage_service/other/ks", Map.of())).isNull();
    }

    private Reply answer(String method, String path, Map<String, List<String>> parameters) {
        return api.apply(new Request(method, path, parameters)).toCompletableFuture().join();
    }
}
