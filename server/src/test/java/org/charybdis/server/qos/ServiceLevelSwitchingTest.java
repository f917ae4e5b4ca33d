package org.charybdis.server.qos;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's requests follow its role's level as it changes (ATTACH, ALTER, DETACH, DROP, GRANT) without
 * reconnecting, seen from the scheduler's per-group counters, the IO queues and the metrics.
 */
class ServiceLevelSwitchingTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication();

    private static CqlSession admin;
    private static CqlSession app;

    @BeforeAll
    static void setUp() {
        admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE ks.t (pk int, ck int, v text, PRIMARY KEY (pk, ck))");
        for (int pk = 0; pk < 8; pk++) {
            for (int ck = 0; ck < 20; ck++) admin.execute("INSERT INTO ks.t (pk, ck, v) VALUES (" + pk + ", " + ck + ", 'x')");
        }
        admin.execute("CREATE TABLE ks.cold (pk int PRIMARY KEY, v text)"); // read once, below: past the chunk cache
        for (int pk = 0; pk < 8; pk++) admin.execute("INSERT INTO ks.cold (pk, v) VALUES (" + pk + ", 'x')");
        HttpPost.post(server.apiPort(), "/storage/flush?keyspace=ks"); // so reads go to the disk
        admin.execute("CREATE ROLE app WITH PASSWORD = 'pw' AND LOGIN = true");
        admin.execute("CREATE ROLE team");
        app = server.session("app", "pw");
    }

    @Test
    void requestsMoveBetweenGroupsAsTheLevelChanges() {
        ShardRuntime runtime = server.server().runtime();
        SchedulingGroup statement = runtime.group(ShardRuntime.STATEMENT);
        admin.execute("CREATE SERVICE LEVEL olap WITH shares = 200");
        SchedulingGroup olap = runtime.group("sl:olap");
        assertThat(olap.shares()).isEqualTo(200);
        assertThat(olap.ioClass().label()).isEqualTo("sl:olap");

        assertThat(tasksWhileQuerying(olap)).isZero(); // not attached yet: the default level

        admin.execute("ATTACH SERVICE LEVEL olap TO app");
        assertThat(tasksWhileQuerying(olap)).isPositive();
        assertThat(server.server().context().serviceLevels().effective(null).group()).isSameAs(statement);

        // its disk reads are the level's too, shared by its shares (those the page cache answers are counted apart)
        long reads = ioOps(runtime, olap.ioClass());
        for (int pk = 0; pk < 8; pk++) app.execute("SELECT v FROM ks.cold WHERE pk = " + pk);
        assertThat(ioOps(runtime, olap.ioClass())).isGreaterThan(reads);

        admin.execute("ALTER SERVICE LEVEL olap WITH shares = 300");
        assertThat(olap.shares()).isEqualTo(300);
        for (Shard shard : runtime.shards()) assertThat(shard.io().shares(olap.ioClass())).isEqualTo(300);

        admin.execute("DETACH SERVICE LEVEL FROM app");
        assertThat(tasksWhileQuerying(olap)).isZero();

        // a level reaching the role through a granted role counts as well
        admin.execute("ATTACH SERVICE LEVEL olap TO team");
        admin.execute("GRANT team TO app");
        assertThat(tasksWhileQuerying(olap)).isPositive();
        assertThat(server.server().metrics().scrape())
                .containsPattern("charybdis_service_level_requests_total\\{service_level=\"olap\",shard=\"\\d\"} [1-9]")
                .containsPattern("charybdis_service_level_runtime_seconds_total\\{service_level=\"olap\"")
                .contains("charybdis_service_level_request_latency_seconds_bucket")
                .containsPattern("charybdis_scheduler_shares\\{scheduling_group=\"sl:olap\",shard=\"0\"} 300");

        // dropped: back to the default level; the group is retired for the next level
        admin.execute("DROP SERVICE LEVEL olap");
        assertThat(tasksWhileQuerying(olap)).isZero();
        assertThat(olap.name()).isEqualTo("sl_deleted:olap");
        assertThat(server.server().metrics().scrape()).doesNotContain("service_level=\"olap\"");
        admin.execute("CREATE SERVICE LEVEL reports WITH shares = 50");
        assertThat(runtime.group("sl:reports")).isSameAs(olap);
        assertThat(olap.shares()).isEqualTo(50);
        admin.execute("REVOKE team FROM app");
        admin.execute("DROP SERVICE LEVEL reports");
    }

    @Test
    void effectiveLevelCarriesTimeoutAndWorkloadForTheCoordinator() {
        admin.execute("CREATE SERVICE LEVEL interactive WITH timeout = 250ms AND workload_type = 'interactive'");
        admin.execute("CREATE ROLE svc WITH PASSWORD = 'pw' AND LOGIN = true");
        admin.execute("ATTACH SERVICE LEVEL interactive TO svc");
        ServiceLevelController levels = server.server().context().serviceLevels();
        EffectiveServiceLevel effective = levels.state().served("svc");
        assertThat(effective.serviceLevel()).isEqualTo("interactive");
        assertThat(effective.group().name()).isEqualTo("sl:interactive");
        assertThat(effective.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(effective.workloadType()).isEqualTo(WorkloadType.INTERACTIVE);
        assertThat(levels.state().served("cassandra").serviceLevel()).isEqualTo(ServiceLevelController.DEFAULT);
        admin.execute("DROP ROLE svc");
        admin.execute("DROP SERVICE LEVEL interactive");
    }

    /** Tasks the group ran on all shards while the app role ran a few queries. */
    private static long tasksWhileQuerying(SchedulingGroup group) {
        long before = tasks(group);
        for (int i = 0; i < 20; i++) query(app);
        return tasks(group) - before;
    }

    private static void query(CqlSession session) {
        for (int pk = 0; pk < 8; pk++) session.execute("SELECT count(*) FROM ks.t WHERE pk = " + pk);
    }

    private static long tasks(SchedulingGroup group) {
        long total = 0;
        for (Shard shard : server.server().runtime().shards()) total += shard.stats(group).tasksRun();
        return total;
    }

    /** Reads and writes of the class, by an IO thread or from the page cache. */
    private static long ioOps(ShardRuntime runtime, IoClass ioClass) {
        long total = 0;
        for (Shard shard : runtime.shards()) total += shard.io().stats(ioClass).opsCompleted() + shard.io().stats(ioClass).pageCacheReads();
        return total;
    }
}
