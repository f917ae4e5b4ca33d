package org.charybdis.server.cql.statements.modification;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Lightweight transactions under contention, and the timestamps they write at. */
class ConditionalConcurrencyTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS lwtc WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS lwtc.t");
        session.execute("CREATE TABLE lwtc.t (k int, c int, v int, l list<int>, PRIMARY KEY (k, c))");
    }

    @Test
    void concurrentCompareAndSetIncrementsNeverLoseAnUpdate() throws Exception {
        session.execute("INSERT INTO lwtc.t (k, c, v) VALUES (1, 1, 0)");
        int clients = 3;
        int incrementsEach = 40;
        Set<Integer> appliedFrom = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                CqlSession client = server.session(); // its own connections, to both shards
                PreparedStatement increment = client.prepare("UPDATE lwtc.t SET v = ? WHERE k = 1 AND c = 1 IF v = ?");
                attempts.add(pool.submit(() -> {
                    int tries = 0;
                    int current = 0;
                    for (int done = 0; done < incrementsEach; tries++) {
                        ResultSet result = client.execute(increment.bind(current + 1, current));
                        if (result.wasApplied()) {
                            assertThat(appliedFrom.add(current)).as("two increments applied from %d", current).isTrue();
                            current++;
                            done++;
                        } else {
                            current = result.one().getInt("v"); // the value that beat us, reported by the failure
                        }
                    }
                    return tries;
                }));
            }
            int tries = 0;
            for (Future<Integer> attempt : attempts) tries += attempt.get(60, TimeUnit.SECONDS);
            int total = clients * incrementsEach;
            assertThat(tries).isGreaterThanOrEqualTo(total);
            assertThat(session.execute("SELECT v FROM lwtc.t WHERE k = 1 AND c = 1").one().getInt("v")).isEqualTo(total);
            assertThat(appliedFrom).isEqualTo(IntStream.range(0, total).boxed().collect(Collectors.toSet()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTransactionWritesAboveTheDataItRead() {
        long future = System.currentTimeMillis() * 1000 + 60_000_000L; // a client clock one minute ahead
        session.execute("INSERT INTO lwtc.t (k, c, v) VALUES (2, 1, 1) USING TIMESTAMP " + future);
        assertThat(session.execute("UPDATE lwtc.t SET v = 2 WHERE k = 2 AND c = 1 IF v = 1").wasApplied()).isTrue();
        Row row = session.execute("SELECT v, writetime(v) FROM lwtc.t WHERE k = 2 AND c = 1").one();
        assertThat(row.getInt("v")).isEqualTo(2);
        assertThat(row.getLong(1)).isGreaterThan(future);
        // a later transaction on the same shard stays above it
        assertThat(session.execute("UPDATE lwtc.t SET v = 3 WHERE k = 2 AND c = 1 IF v = 2").wasApplied()).isTrue();
        assertThat(session.execute("SELECT writetime(v) FROM lwtc.t WHERE k = 2 AND c = 1").one().getLong(0)).isGreaterThan(row.getLong(1));
        // a plain write with an older explicit timestamp loses, as in Cassandra
        session.execute("UPDATE lwtc.t USING TIMESTAMP " + future + " SET v = 4 WHERE k = 2 AND c = 1");
        assertThat(session.execute("SELECT v FROM lwtc.t WHERE k = 2 AND c = 1").one().getInt("v")).isEqualTo(3);
    }

    @Test
    void listOperationsReadingTheRowRunInsideTheTransaction() {
        session.execute("INSERT INTO lwtc.t (k, c, v, l) VALUES (3, 1, 1, [1, 2, 3])");
        assertThat(session.execute("UPDATE lwtc.t SET l[0] = 9, l = l + [4] WHERE k = 3 AND c = 1 IF v = 1").wasApplied()).isTrue();
        assertThat(session.execute("DELETE l[1] FROM lwtc.t WHERE k = 3 AND c = 1 IF v = 1").wasApplied()).isTrue();
        assertThat(session.execute("SELECT l FROM lwtc.t WHERE k = 3 AND c = 1").one().getList("l", Integer.class))
                .containsExactly(9, 3, 4);
    }
}
