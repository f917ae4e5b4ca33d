package org.charybdis.server.cql.statements.modification;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent increments from several sessions (each with connections to both shards) never lose an update:
 * each is a read-modify-write in its partition's turn on the owning shard.
 */
class CounterConcurrencyTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static final int SESSIONS = 3;
    private static final int INCREMENTS_EACH = 200;
    private static final int IN_FLIGHT = 32;
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        // no driver-side schema metadata: each DDL would wait for its refresh
        session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS cntc WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS cntc.t");
        session.execute("CREATE TABLE cntc.t (k int, ck int, s counter static, c counter, d counter, PRIMARY KEY (k, ck))");
    }

    @Test
    void concurrentIncrementsSumExactly() throws Exception {
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            CqlSession client = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
            PreparedStatement increment = client.prepare("UPDATE cntc.t SET c = c + ?, s = s + 1 WHERE k = ? AND ck = ?");
            PreparedStatement decrement = client.prepare("UPDATE cntc.t SET d = d - 1 WHERE k = ? AND ck = ?");
            // even requests add 2 to one row; odd ones are counter batches over two partitions
            clients.add(CompletableFuture.supplyAsync(() -> uncheckedRun(INCREMENTS_EACH, n -> n % 2 == 0
                    ? client.executeAsync(increment.bind(2L, 1, n % 3))
                    : client.executeAsync(BatchStatement.newInstance(DefaultBatchType.COUNTER,
                            increment.bind(1L, 1, n % 3), decrement.bind(1, 0), increment.bind(1L, 2, 0)))), threads)
                    .thenCompose(requests -> requests));
        }
        try {
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        int evens = (INCREMENTS_EACH + 1) / 2, odds = INCREMENTS_EACH / 2;
        long c = 0;
        for (Row row : session.execute("SELECT ck, c, s FROM cntc.t WHERE k = 1")) {
            c += row.getLong("c");
            assertThat(row.getLong("s")).isEqualTo((long) SESSIONS * INCREMENTS_EACH);
        }
        assertThat(c).isEqualTo(SESSIONS * (2L * evens + odds));
        assertThat(session.execute("SELECT d FROM cntc.t WHERE k = 1 AND ck = 0").one().getLong("d")).isEqualTo(-(long) SESSIONS * odds);
        assertThat(session.execute("SELECT c, s FROM cntc.t WHERE k = 2 AND ck = 0").one().getLong("c")).isEqualTo((long) SESSIONS * odds);
    }

    @Test
    void deletionsOfOneCounterDoNotDisturbIncrementsOfAnother() throws Exception {
        PreparedStatement increment = session.prepare("UPDATE cntc.t SET c = c + 1, d = d + 1 WHERE k = 3 AND ck = 1");
        PreparedStatement delete = session.prepare("DELETE d FROM cntc.t WHERE k = 3 AND ck = 1");
        run(300, n -> n % 6 == 0
                ? session.executeAsync(delete.bind()).thenCompose(ignored -> session.executeAsync(increment.bind()))
                : session.executeAsync(increment.bind())).get(60, TimeUnit.SECONDS);
        Row row = session.execute("SELECT c, d FROM cntc.t WHERE k = 3 AND ck = 1").one();
        assertThat(row.getLong("c")).isEqualTo(300);
        assertThat(row.isNull("d")).isTrue();
    }

    private static CompletableFuture<Void> uncheckedRun(int count, IntFunction<CompletionStage<?>> request) {
        try {
            return run(count, request);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code count} requests, at most {@link #IN_FLIGHT} at a time; completes when all have. */
    private static CompletableFuture<Void> run(int count, IntFunction<CompletionStage<?>> request) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> requests = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            slots.acquire();
            requests.add(request.apply(n).whenComplete((result, failure) -> slots.release()).toCompletableFuture());
        }
        return CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new));
    }
}
