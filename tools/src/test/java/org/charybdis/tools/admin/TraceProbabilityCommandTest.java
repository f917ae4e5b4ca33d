package org.charybdis.tools.admin;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.HttpPost;
import org.charybdis.tools.admin.AdminCommandTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code settraceprobability} and {@code gettraceprobability}: requests traced without the client asking. */
class TraceProbabilityCommandTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void aProbabilityOfOneTracesEveryRequestWithoutTellingTheClient() throws Exception {
        assertThat(admin("gettraceprobability").out()).containsPattern("(?m)^Current trace probability: 0.0$");
        CqlSession session = server.session();
        long before = sessions(session);
        try {
            Outcome set = admin("settraceprobability", "1");
            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(admin("gettraceprobability").out()).contains("Current trace probability: 1.0");

            ResultSet result = session.execute("SELECT release_version FROM system.local");
            assertThat(result.getExecutionInfo().getTracingId()).as("the client did not ask: no tracing id").isNull();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sessions(session) <= before + 1 && System.nanoTime() < deadline) Thread.sleep(50);
            // the count queries are traced too: at least the SELECT and the first count
            assertThat(sessions(session)).isGreaterThan(before + 1);
        } finally {
            admin("settraceprobability", "0");
        }
        assertThat(HttpGet.body(server.apiPort(), "/storage_service/trace_probability").strip()).isEqualTo("0.0"); // ScyllaDB's shape: a number
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRefusedWithTheRange() {
        Outcome tooLarge = admin("settraceprobability", "2");
        assertThat(tooLarge.exitCode()).isNotZero();
        assertThat(tooLarge.err()).contains("Invalid trace probability '2': must be between 0 and 1");
        HttpResponse<String> notANumber = HttpPost.post(server.apiPort(), "/storage_service/trace_probability?probability=often");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("expected a probability such as 0.01");
        assertThat(admin("gettraceprobability").out()).contains("Current trace probability: 0.0");
    }

    private static long sessions(CqlSession session) {
        return session.execute("SELECT count(*) FROM system_traces.sessions").one().getLong(0);
    }

    private static Outcome admin(String... args) {
        return AdminCommandTest.admin(server.apiPort(), args);
    }
}
