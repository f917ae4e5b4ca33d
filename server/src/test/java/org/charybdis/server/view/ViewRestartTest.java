package org.charybdis.server.view;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/** A materialized view, its definition (WHERE filter included) and its rows survive a restart, and writes keep maintaining it. */
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
}
