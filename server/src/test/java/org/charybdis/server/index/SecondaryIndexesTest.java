package org.charybdis.server.index;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * The life of a secondary index's local data on the LSM engine: built over the rows a table already holds,
 * maintained through flushes and compactions, kept across restarts (entries and build state), removed by
 * DROP INDEX and DROP TABLE.
 */
class SecondaryIndexesTest {
    @RegisterExtension
    static final CharybdisServerExtension NODE = new CharybdisServerExtension();

    @Test
    void indexBuiltOverExistingRowsSurvivesFlushCompactionAndRestart() throws Exception {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE si WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE si.t (pk int, c int, v text, tags set<text>, s int static, PRIMARY KEY (pk, c))");
        PreparedStatement insert = session.prepare("INSERT INTO si.t (pk, c, v, tags, s) VALUES (?, ?, ?, ?, ?)");
        for (int pk = 0; pk < 30; pk++) {
            for (int c = 0; c < 4; c++) session.execute(insert.bind(pk, c, "v" + (c % 2), java.util.Set.of("t" + pk % 5), pk % 3));
        }
        assertThat(post("/storage/flush?keyspace=si")).isEqualTo(200);
        session.execute("DELETE FROM si.t WHERE pk = 0"); // in the memtable, over flushed rows

        session.execute("CREATE INDEX ON si.t (v)");
        session.execute("CREATE INDEX ON si.t (tags)");
        session.execute("CREATE INDEX ON si.t (s) USING 'sai'");
        List<String> v1 = expected(29 * 2, "v = 'v1'", session);
        assertThat(rows(session, "SELECT pk, c FROM si.t WHERE tags CONTAINS 't1'")).hasSize(6 * 4);
        assertThat(rows(session, "SELECT pk, c FROM si.t WHERE s = 2")).hasSize(10 * 4);

        // writes after the build, then flush and compaction of base and index tables
        session.execute("UPDATE si.t SET v = 'v1' WHERE pk = 1 AND c = 0");
        session.execute("UPDATE si.t SET v = 'other' WHERE pk = 1 AND c = 1");
        assertThat(post("/storage/flush?keyspace=si")).isEqualTo(200);
        session.execute("DELETE FROM si.t WHERE pk = 2 AND c = 1");
        assertThat(post("/storage/compact?keyspace=si")).isEqualTo(200);
        List<String> after = rows(session, "SELECT pk, c FROM si.t WHERE v = 'v1'");
        assertThat(after).hasSize(v1.size() - 1).contains("1, 0").doesNotContain("1, 1", "2, 1");
        assertThat(after).isEqualTo(rows(session, "SELECT pk, c FROM si.t WHERE v = 'v1' ALLOW FILTERING"));

        session.execute("INSERT INTO si.t (pk, c, v) VALUES (100, 0, 'v1')"); // only in the commitlog at the restart
        NODE.restart();
        session = NODE.session();
        List<String> restarted = rows(session, "SELECT pk, c FROM si.t WHERE v = 'v1'");
        assertThat(restarted).hasSize(after.size() + 1).contains("100, 0");
        assertThat(restarted).isEqualTo(rows(session, "SELECT pk, c FROM si.t WHERE v = 'v1' ALLOW FILTERING"));
        assertThat(rows(session, "SELECT pk, c FROM si.t WHERE tags CONTAINS 't1'")).hasSize(6 * 4);

        Path indexFiles = tableDirectory("si", "t.t_v_idx");
        assertThat(indexFiles).exists();
        session.execute("DROP INDEX si.t_v_idx");
        assertThat(indexFiles.resolve("shard-0")).doesNotExist();
        session.execute("CREATE INDEX t_v_idx ON si.t (v)"); // a new index: built again, no trace of the old entries
        assertThat(rows(session, "SELECT pk, c FROM si.t WHERE v = 'v1'")).isEqualTo(restarted);
        Path tagFiles = tableDirectory("si", "t.t_tags_idx");
        session.execute("DROP TABLE si.t");
        assertThat(tagFiles.resolve("shard-0")).doesNotExist();
    }

    private static List<String> expected(int count, String where, CqlSession session) {
        List<String> found = rows(session, "SELECT pk, c FROM si.t WHERE " + where);
        assertThat(found).hasSize(count);
        assertThat(found).isEqualTo(rows(session, "SELECT pk, c FROM si.t WHERE " + where + " ALLOW FILTERING"));
        return found;
    }

    private static int post(String path) {
        return HttpPost.post(NODE.server().apiPort(), path).statusCode();
    }

    private static Path tableDirectory(String keyspace, String table) throws Exception {
        try (Stream<Path> dirs = Files.list(NODE.workdir().resolve("data").resolve(keyspace))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(table + "-")).findFirst().orElseThrow();
        }
    }
}
