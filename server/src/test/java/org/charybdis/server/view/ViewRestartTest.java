package org.charybdis.server.view;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * A materialized view, its definition (WHERE filter included) and its rows survive a restart, and writes keep maintaining
 * it; a build a stop interrupted ({@code system.view_builds_in_progress} still lists it) runs again at the next start.
 */
class ViewRestartTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void viewDefinitionAndRowsSurviveARestart() {
        try (CqlSession session = server.session()) {
            session.execute("CREATE KEYSPACE mv_restart WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE mv_restart.t (k int, c int, v int, w text, PRIMARY KEY (k, c))");
            session.execute("CREATE MATERIALIZED VIEW mv_restart.t_by_v AS SELECT k, c, v FROM mv_restart.t WHERE v IS NOT NULL AND k IS NOT NULL"
                    + " AND c IS NOT NULL AND c >= 2 PRIMARY KEY (v, k, c) WITH comment = 'kept'");
            for (int c = 1; c <= 3; c++) session.execute("INSERT INTO mv_restart.t (k, c, v, w) VALUES (1, ?, ?, 'x')", c, 10 * c);
        }
        server.restart();
        try (CqlSession session = server.session()) {
            assertThat(rows(session, "SELECT view_name, base_table_name, include_all_columns, where_clause, comment FROM system_schema.views"
                    + " WHERE keyspace_name = 'mv_restart'")).containsExactly("t_by_v, t, false, v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL"
                    + " AND c >= 2, kept");
            assertThat(rows(session, "SELECT v, k, c FROM mv_restart.t_by_v")).containsExactlyInAnyOrder("20, 1, 2", "30, 1, 3");
            session.execute("UPDATE mv_restart.t SET v = 40 WHERE k = 1 AND c = 2");
            session.execute("UPDATE mv_restart.t SET v = 50 WHERE k = 1 AND c = 1"); // filtered out: c < 2
            assertThat(rows(session, "SELECT v, k, c FROM mv_restart.t_by_v")).containsExactlyInAnyOrder("40, 1, 2", "30, 1, 3");
            assertThat(rows(session, "SELECT view_name FROM system.built_views WHERE keyspace_name = 'mv_restart'")).containsExactly("t_by_v");
        }
    }

    @Test
    void aBuildAStopInterruptedRunsAgainAtTheNextStart() throws InterruptedException {
        try (CqlSession session = server.session()) {
            session.execute("CREATE KEYSPACE mv_resume WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE mv_resume.t (k int, c int, v int, PRIMARY KEY (k, c))");
            session.execute("CREATE MATERIALIZED VIEW mv_resume.t_by_v AS SELECT * FROM mv_resume.t WHERE v IS NOT NULL AND k IS NOT NULL"
                    + " AND c IS NOT NULL PRIMARY KEY (v, k, c)");
            assertThat(eventually(() -> !rows(session, BUILT).isEmpty())).isTrue();
        }
        // a stop in the middle of a build: its start recorded, base rows it has not reached yet
        Database database = server.server().context().database();
        TableMetadata base = server.server().context().schema().current().table("mv_resume", "t");
        TableMetadata view = server.server().context().schema().current().table("mv_resume", "t_by_v");
        for (int k = 1; k <= 20; k++) writeWithoutViews(database, base, k, 100 + k);
        database.views().buildStarted(view).join();
        try (CqlSession session = server.session()) {
            assertThat(rows(session, "SELECT view_name, start_token, end_token FROM system.view_builds_in_progress WHERE keyspace_name = 'mv_resume'"))
                    .containsExactly("t_by_v, -9223372036854775808, -9223372036854775808");
            assertThat(rows(session, "SELECT * FROM mv_resume.t_by_v")).isEmpty();
        }

        server.restart();
        try (CqlSession session = server.session()) {
            assertThat(eventually(() -> !rows(session, BUILT).isEmpty())).as("built again").isTrue();
            assertThat(rows(session, "SELECT v, k, c FROM mv_resume.t_by_v WHERE v = 107")).containsExactly("107, 7, 1");
            assertThat(rows(session, "SELECT count(*) FROM mv_resume.t_by_v")).containsExactly("20");
            assertThat(rows(session, "SELECT * FROM system.view_builds_in_progress WHERE keyspace_name = 'mv_resume'")).isEmpty();
            assertThat(rows(session, "SELECT status FROM system_distributed.view_build_status WHERE keyspace_name = 'mv_resume'"
                    + " AND view_name = 't_by_v'")).containsExactly("SUCCESS");
        }
    }

    @Test
    void droppingAViewForgetsItsBuild() throws InterruptedException {
        try (CqlSession session = server.session()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS mv_forget WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE mv_forget.t (k int, c int, v int, PRIMARY KEY (k, c))");
            session.execute("CREATE MATERIALIZED VIEW mv_forget.t_by_v AS SELECT * FROM mv_forget.t WHERE v IS NOT NULL AND k IS NOT NULL"
                    + " AND c IS NOT NULL PRIMARY KEY (v, k, c)");
            String inProgress = "SELECT view_name FROM system.view_builds_in_progress WHERE keyspace_name = 'mv_forget'";
            assertThat(eventually(() -> rows(session, inProgress).isEmpty())).isTrue();
            TableMetadata view = server.server().context().schema().current().table("mv_forget", "t_by_v");
            server.server().context().database().views().buildStarted(view).join(); // as if a build were running
            assertThat(rows(session, inProgress)).containsExactly("t_by_v");
            session.execute("DROP MATERIALIZED VIEW mv_forget.t_by_v");
            assertThat(eventually(() -> rows(session, inProgress).isEmpty())).isTrue();
        }
    }

    private static final String BUILT = "SELECT view_name FROM system.built_views WHERE keyspace_name = 'mv_resume'";

    /** Writes a base row straight to its shard's storage, as if the build had not reached it yet. */
    private static void writeWithoutViews(Database database, TableMetadata table, int k, int v) {
        long micros = System.currentTimeMillis() * 1000;
        long now = micros / 1_000_000;
        PartitionUpdate.Builder update = PartitionUpdate.builder(PartitionKeys.decorate(List.of(i(k))));
        update.row(Clustering.of(i(1))).marker(micros, 0, now).cell(table.column("v").id(), i(v), micros, 0, now);
        PartitionUpdate built = update.build();
        database.onOwnerAsync(built.key(), storage -> storage.write(List.of(storage.table(table.id())), List.of(built))).join();
    }

    private static ByteBuffer i(int value) {
        return ByteBuffer.allocate(4).putInt(0, value);
    }

    /** True once the condition holds; false if it still does not after 20 seconds. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) return false;
            Thread.sleep(20);
        }
        return true;
    }
}
