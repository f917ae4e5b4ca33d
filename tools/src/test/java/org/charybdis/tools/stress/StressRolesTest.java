package org.charybdis.tools.stress;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.tools.testing.CharybdisCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Two workloads side by side, each logged in as its own role, against a server that requires logins. */
class StressRolesTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication();

    @TempDir
    Path dir;

    @BeforeAll
    static void createRoles() {
        try (CqlSession admin = server.sessionBuilder(o -> {}).withAuthCredentials("cassandra", "cassandra").build()) {
            admin.execute("CREATE ROLE oltp WITH PASSWORD = 'oltp-pw' AND LOGIN = true");
            admin.execute("CREATE ROLE olap WITH PASSWORD = 'olap-pw' AND LOGIN = true");
        }
    }

    @Test
    void eachWorkloadRunsAsItsOwnRole() throws IOException {
        Path json = dir.resolve("roles.json");
        CharybdisCli.Outcome outcome = StressCli.run("--port", Integer.toString(server.nativePort()), "--user", "cassandra", "--password", "cassandra",
                "--populate", "1000", "--duration", "2s", "--json", json.toString(),
                "--workload", "name=oltp,op=read,rate=300/s,user=oltp,password=oltp-pw",
                "--workload", "name=olap,op=scan,concurrency=2,splits=8,user=olap,password=olap-pw");
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        assertThat(outcome.out()).contains("oltp: read, open loop at 300/s").contains("role oltp")
                .contains("olap: scan, closed loop, 2 in flight, role olap");

        JsonNode workloads = new ObjectMapper().readTree(json.toFile()).path("workloads");
        JsonNode oltp = workloads.get(0);
        assertThat(oltp.path("role").asText()).isEqualTo("oltp");
        assertThat(oltp.path("errors").asLong()).isZero();
        assertThat(oltp.path("rows").asLong()).isEqualTo(oltp.path("ops").asLong()).isPositive();
        JsonNode olap = workloads.get(1);
        assertThat(olap.path("role").asText()).isEqualTo("olap");
        assertThat(olap.path("errors").asLong()).isZero();
        assertThat(olap.path("rows").asLong()).as("at least one full scan").isGreaterThanOrEqualTo(1000);
        assertThat(olap.path("rows_per_second").asDouble()).isPositive();
    }

    @Test
    void aWorkloadWithAWrongPasswordStopsTheRunAndIsNamed() {
        CharybdisCli.Outcome outcome = StressCli.run("--port", Integer.toString(server.nativePort()), "--user", "cassandra", "--password", "cassandra",
                "--workload", "name=oltp,op=read,ops=10,user=oltp,password=oltp-pw",
                "--workload", "name=olap,op=scan,passes=1,user=olap,password=wrong");
        assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(1);
        assertThat(outcome.err()).contains("olap: cannot connect to 127.0.0.1:" + server.nativePort() + " as olap");
    }

    @Test
    void withoutAnyLoginTheSetupCannotConnect() {
        CharybdisCli.Outcome outcome = StressCli.run("--port", Integer.toString(server.nativePort()), "--workload", "op=read,ops=10");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("setup: cannot connect");
    }
}
