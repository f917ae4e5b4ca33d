package org.charybdis.server.qos;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.testing.RunsAlone;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service level's timeout applies to its roles' requests, as ScyllaDB decides the timeout: a statement's
 * {@code USING TIMEOUT} first, then the role's service level, then the configured timeouts. It follows ALTER and
 * DETACH at once.
 * <p>
 * Alone on the machine: the 5 ms level applies to every request of its role, the driver's own queries as it connects
 * included, which a second test JVM sharing the cores can push past 5 ms.
 */
@RunsAlone
class ServiceLevelTimeoutTest {
    private static final int ROWS = 20_000;

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication();

    private static CqlSession admin;
    private static CqlSession app;

    @BeforeAll
    static void setUp() {
        admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v text)");
        PreparedStatement insert = admin.prepare("INSERT INTO ks.t (k, v) VALUES (?, ?)");
        for (int from = 0; from < ROWS; from += 500) {
            CompletableFuture<?>[] writes = new CompletableFuture<?>[500];
            for (int i = 0; i < 500; i++) writes[i] = admin.executeAsync(insert.bind(from + i, "v" + i)).toCompletableFuture();
            CompletableFuture.allOf(writes).join();
        }
        admin.execute("CREATE ROLE app WITH PASSWORD = 'pw' AND LOGIN = true");
        admin.execute("CREATE SERVICE LEVEL hasty WITH timeout = 5ms"); // far less than a 20,000-row count takes
        admin.execute("ATTACH SERVICE LEVEL hasty TO app");
        app = server.session("app", "pw");
    }

    @Test
    void theLevelsTimeoutAppliesUnlessTheStatementGivesOne() {
        assertThatThrownBy(() -> app.execute("SELECT count(*) FROM ks.t")).isInstanceOf(ReadTimeoutException.class);
        assertThatThrownBy(() -> app.execute("INSERT INTO ks.t (k, v) VALUES (1, 'x') USING TIMEOUT 0ms")).isInstanceOf(WriteTimeoutException.class);
        // USING TIMEOUT wins over the level's
        assertThat(app.execute("SELECT count(*) FROM ks.t USING TIMEOUT 60s").one().getLong(0)).isEqualTo(ROWS);
        // other roles keep the configured timeouts
        assertThat(admin.execute("SELECT count(*) FROM ks.t").one().getLong(0)).isEqualTo(ROWS);

        admin.execute("ALTER SERVICE LEVEL hasty WITH timeout = 30s");
        assertThat(app.execute("SELECT count(*) FROM ks.t").one().getLong(0)).isEqualTo(ROWS);
        admin.execute("ALTER SERVICE LEVEL hasty WITH timeout = 5ms");
        assertThatThrownBy(() -> app.execute("SELECT count(*) FROM ks.t")).isInstanceOf(ReadTimeoutException.class);
        admin.execute("DETACH SERVICE LEVEL FROM app");
        assertThat(app.execute("SELECT count(*) FROM ks.t").one().getLong(0)).isEqualTo(ROWS);
        admin.execute("ATTACH SERVICE LEVEL hasty TO app");
    }
}
