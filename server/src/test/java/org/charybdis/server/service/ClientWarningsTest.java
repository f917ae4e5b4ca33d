package org.charybdis.server.service;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warnings responses carry to the client (protocol v4+), as the Java driver shows them: each statement's, with the
 * texts of Apache Cassandra 5.0.6, and none where it gives none.
 */
class ClientWarningsTest {
    private static final String EXPERIMENTAL_VIEWS = "Materialized views are experimental and are not recommended for production use.";
    private static final String WITHOUT_KEY = "Aggregation query used without partition key";
    private static final String IN_KEYS = "Aggregation query used on multiple partition keys (IN restriction)";

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("DROP KEYSPACE IF EXISTS views_w");
        session.execute("CREATE KEYSPACE views_w WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE views_w.t (k int, c int, v int, PRIMARY KEY (k, c))");
    }

    @Test
    void creatingAViewWarnsThatViewsAreExperimentalEvenWhenItExists() {
        String create = "CREATE MATERIALIZED VIEW IF NOT EXISTS views_w.mv AS SELECT * FROM views_w.t"
                + " WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k, c)";
        assertThat(warnings(create)).containsExactly(EXPERIMENTAL_VIEWS);
        assertThat(warnings(create)).containsExactly(EXPERIMENTAL_VIEWS);
        assertThat(warnings("SELECT * FROM views_w.mv WHERE v = 1")).isEmpty();
    }

    @Test
    void aggregatesOverMoreThanOnePartitionWarn() {
        assertThat(warnings("SELECT count(*) FROM views_w.t")).containsExactly(WITHOUT_KEY);
        assertThat(warnings("SELECT max(v) FROM views_w.t")).containsExactly(WITHOUT_KEY);
        assertThat(warnings("SELECT k, count(*) FROM views_w.t GROUP BY k")).containsExactly(WITHOUT_KEY);
        assertThat(warnings("SELECT k, v FROM views_w.t GROUP BY k")).containsExactly(WITHOUT_KEY);
        assertThat(warnings("SELECT count(*) FROM views_w.t WHERE c = 1 ALLOW FILTERING")).containsExactly(WITHOUT_KEY);
        assertThat(warnings("SELECT count(*) FROM views_w.t WHERE k IN (1, 2) AND c = 1")).containsExactly(IN_KEYS);
        assertThat(warnings("SELECT count(*) FROM views_w.t WHERE k = 1")).isEmpty();
        assertThat(warnings("SELECT count(*) FROM views_w.t WHERE k IN (1)")).isEmpty();
        assertThat(warnings("SELECT count(*) FROM views_w.t WHERE k = 1 AND c IN (1, 2)")).isEmpty();
        assertThat(warnings("SELECT count(*) FROM views_w.t WHERE token(k) > 0")).isEmpty();
        assertThat(warnings("SELECT * FROM views_w.t")).isEmpty();
    }

    @Test
    void replicationAboveTheOneNodeWarns() {
        session.execute("DROP KEYSPACE IF EXISTS views_w3");
        assertThat(warnings("CREATE KEYSPACE views_w3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}"))
                .containsExactly("Your replication factor 3 for keyspace views_w3 is higher than the number of nodes 1");
        assertThat(warnings("CREATE KEYSPACE IF NOT EXISTS views_w3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}"))
                .as("nothing created").isEmpty();
        assertThat(warnings("ALTER KEYSPACE views_w3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).isEmpty();
        assertThat(warnings("ALTER KEYSPACE views_w3 WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 1}")).isEmpty();
        assertThat(warnings("ALTER KEYSPACE views_w3 WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 2}")).containsExactly(
                "Your replication factor 2 for keyspace views_w3 is higher than the number of nodes 1 for datacenter datacenter1",
                "When increasing replication factor you need to run a full (-full) repair to distribute the data.");
        assertThat(warnings("ALTER KEYSPACE views_w3 WITH durable_writes = true")).as("the replication it keeps").containsExactly(
                "Your replication factor 2 for keyspace views_w3 is higher than the number of nodes 1 for datacenter datacenter1");
        session.execute("DROP KEYSPACE views_w3");
    }

    @Test
    void batchesOverSeveralPartitionsPastTheThresholdWarnWithCassandrasReckoningOfTheirSize() {
        session.execute("CREATE TABLE IF NOT EXISTS views_w.n (k int, c int, v int, w bigint, s int static, PRIMARY KEY (k, c))");
        session.execute("CREATE TABLE IF NOT EXISTS views_w.big (k int, c int, v text, PRIMARY KEY (k, c))");
        assertThat(warnings(batch(150, i -> "INSERT INTO views_w.n (k, c, v) VALUES (1, " + i + ", 1);")))
                .containsExactly("Batch for [views_w.n] is of size 7408, exceeding specified threshold of 5120 by 2288.");
        assertThat(warnings(batch(150, i -> "INSERT INTO views_w.n (k, c, v, w) VALUES (1, " + i + ", 1, 1);")))
                .containsExactly("Batch for [views_w.n] is of size 11608, exceeding specified threshold of 5120 by 6488.");
        assertThat(warnings(batch(150, i -> "INSERT INTO views_w.n (k, c) VALUES (1, " + i + ") USING TTL 100;")))
                .containsExactly("Batch for [views_w.n] is of size 5608, exceeding specified threshold of 5120 by 488.");
        assertThat(warnings(batch(150, i -> "INSERT INTO views_w.n (k, c) VALUES (1, " + i + ");"))).as("3808 bytes").isEmpty();
        assertThat(warnings(batch(150, i -> "INSERT INTO views_w.n (k, c, v) VALUES (" + (10 + i) + ", 1, 1);")))
                .containsExactly("Batch for [views_w.n] is of size 11729, exceeding specified threshold of 5120 by 6609.");
        assertThat(warnings(batch(150, i -> "DELETE v FROM views_w.n WHERE k = 1 AND c = " + i + ";")))
                .containsExactly("Batch for [views_w.n] is of size 6808, exceeding specified threshold of 5120 by 1688.");
        assertThat(warnings(batch(150, i -> i == 0 ? "UPDATE views_w.n SET s = 1 WHERE k = 1;" : "INSERT INTO views_w.n (k, c, v) VALUES (1, " + i + ", 1);")))
                .containsExactly("Batch for [views_w.n] is of size 7383, exceeding specified threshold of 5120 by 2263.");
        String text = "y".repeat(5200);
        assertThat(warnings("BEGIN BATCH UPDATE views_w.big SET v = '" + text + "' WHERE k = 1 AND c = 1; DELETE FROM views_w.big WHERE k = 3 AND c > 1; APPLY BATCH"))
                .containsExactly("Batch for [views_w.big] is of size 5323, exceeding specified threshold of 5120 by 203.");
        assertThat(warnings("BEGIN BATCH UPDATE views_w.big SET v = '" + text + "' WHERE k = 1 AND c = 1; UPDATE views_w.n SET v = 1 WHERE k = 1 AND c = 1; APPLY BATCH"))
                .as("one partition key of one keyspace: one mutation").isEmpty();
        assertThat(warnings("BEGIN BATCH INSERT INTO views_w.big (k, c, v) VALUES (1, 1, '" + text + "'); INSERT INTO views_w.big (k, c, v) VALUES (1, 2, '" + text + "'); APPLY BATCH"))
                .as("one partition").isEmpty();
    }

    /** BEGIN BATCH with {@code count} statements, then a partition deletion of k = 3. */
    private static String batch(int count, java.util.function.IntFunction<String> statement) {
        StringBuilder batch = new StringBuilder("BEGIN BATCH ");
        for (int i = 0; i < count; i++) batch.append(statement.apply(i)).append(' ');
        return batch.append("DELETE FROM views_w.n WHERE k = 3; APPLY BATCH").toString();
    }

    private static List<String> warnings(String cql) {
        ResultSet result = session.execute(SimpleStatement.newInstance(cql));
        return result.getExecutionInfo().getWarnings();
    }
}
