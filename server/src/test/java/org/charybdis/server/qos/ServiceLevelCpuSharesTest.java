package org.charybdis.server.qos;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.RunsAlone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The point of service levels: two roles that each keep the CPU busy with aggregates get CPU time in the ratio of
 * their levels' shares (1000 : 100), read from the scheduler's per-group CPU counters over a window after a
 * warm-up. One shard, so both compete for the same reactor; each role keeps many requests in flight so its group
 * never runs dry (a group without queued work gives its turn away, which would blur the ratio on a busy machine).
 */
@RunsAlone
class ServiceLevelCpuSharesTest {
    private static final int PARTITIONS = 4;
    private static final int ROWS_PER_PARTITION = 2_000;
    private static final int IN_FLIGHT_PER_ROLE = 64; // enough that a slow client (a busy machine) never lets a group run dry
    private static final long WARM_UP_MILLIS = 3_000;
    private static final long WINDOW_MILLIS = 6_000;

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.SMP, 1);

    @Test
    void cpuTimeFollowsShares() throws Exception {
        CqlSession admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE cpu WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE cpu.t (pk int, ck int, v bigint, PRIMARY KEY (pk, ck))");
        load(admin);
        admin.execute("CREATE SERVICE LEVEL gold WITH shares = 1000");
        admin.execute("CREATE SERVICE LEVEL bronze WITH shares = 100");
        for (String role : List.of("oltp", "olap")) admin.execute("CREATE ROLE " + role + " WITH PASSWORD = 'pw' AND LOGIN = true");
        admin.execute("ATTACH SERVICE LEVEL gold TO oltp");
        admin.execute("ATTACH SERVICE LEVEL bronze TO olap");
        SchedulingGroup gold = server.server().runtime().group("sl:gold");
        SchedulingGroup bronze = server.server().runtime().group("sl:bronze");

        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<Void>> loads = List.of(saturate(server.session("oltp", "pw"), running),
                saturate(server.session("olap", "pw"), running));
        try {
            Thread.sleep(WARM_UP_MILLIS);
            long goldBefore = cpuNanos(gold), bronzeBefore = cpuNanos(bronze);
            Thread.sleep(WINDOW_MILLIS);
            long goldCpu = cpuNanos(gold) - goldBefore, bronzeCpu = cpuNanos(bronze) - bronzeBefore;
            double ratio = (double) goldCpu / bronzeCpu;
            System.out.printf("service level CPU over %d ms: gold %.3f s, bronze %.3f s, ratio %.2f%n",
                    WINDOW_MILLIS, goldCpu / 1e9, bronzeCpu / 1e9, ratio);
            assertThat(goldCpu + bronzeCpu).as("both groups kept the shard busy").isGreaterThan(WINDOW_MILLIS * 1_000_000 / 4);
            assertThat(ratio).as("CPU time ratio gold:bronze").isBetween(8.0, 12.0);
        } finally {
            running.set(false);
            for (CompletableFuture<Void> load : loads) load.get(30, TimeUnit.SECONDS);
        }
    }

    private static void load(CqlSession session) {
        PreparedStatement insert = session.prepare("INSERT INTO cpu.t (pk, ck, v) VALUES (?, ?, ?)");
        Semaphore inFlight = new Semaphore(64);
        for (int pk = 0; pk < PARTITIONS; pk++) {
            for (int ck = 0; ck < ROWS_PER_PARTITION; ck++) {
                inFlight.acquireUninterruptibly();
                session.executeAsync(insert.bind(pk, ck, (long) ck * pk)).whenComplete((rs, e) -> inFlight.release());
            }
        }
        inFlight.acquireUninterruptibly(64);
    }

    /** Keeps {@link #IN_FLIGHT_PER_ROLE} aggregates running for the session until told to stop; completes when all have. */
    private static CompletableFuture<Void> saturate(CqlSession session, AtomicBoolean running) {
        PreparedStatement aggregate = session.prepare("SELECT count(*), sum(v), max(v) FROM cpu.t WHERE pk = ?");
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        AtomicLong next = new AtomicLong();
        for (int i = 0; i < IN_FLIGHT_PER_ROLE; i++) {
            CompletableFuture<Void> chain = new CompletableFuture<>();
            issue(session, aggregate, running, next, chain);
            chains.add(chain);
        }
        return CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new));
    }

    private static void issue(CqlSession session, PreparedStatement aggregate, AtomicBoolean running, AtomicLong next,
                              CompletableFuture<Void> chain) {
        if (!running.get()) {
            chain.complete(null);
            return;
        }
        int pk = (int) (next.getAndIncrement() % PARTITIONS);
        session.executeAsync(aggregate.bind(pk)).whenComplete((rs, e) -> {
            // with 1/11 of the CPU and 63 requests ahead of it, a bronze request may pass its deadline on a slow
            // machine: that is the shares at work, not a failure of this test, so it is sent again
            if (e != null && !(e instanceof ReadTimeoutException || e instanceof DriverTimeoutException)) chain.completeExceptionally(e);
            else issue(session, aggregate, running, next, chain);
        });
    }

    private static long cpuNanos(SchedulingGroup group) {
        long total = 0;
        for (Shard shard : server.server().runtime().shards()) total += shard.stats(group).runtimeNanos();
        return total;
    }
}
