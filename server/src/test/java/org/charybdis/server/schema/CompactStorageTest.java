package org.charybdis.server.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * COMPACT STORAGE tables through the Java driver: what the driver's metadata makes of them, DROP COMPACT STORAGE
 * (enabled here), and both across a restart. Expected answers are Cassandra 5.0.6's, run with
 * drop_compact_storage_enabled; the rest of their behaviour is in the compat script compact-storage.cql.
 */
class CompactStorageTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.DROP_COMPACT_STORAGE_ENABLED, true);

    @Test
    void theDriverSeesCompactTablesWithoutTheirHiddenColumns() {
        CqlSession session = server.session();
        run(session, "CREATE KEYSPACE cs_meta WITH replication = {'class':'SimpleStrategy','replication_factor':1}",
                "CREATE TABLE cs_meta.stat (k int PRIMARY KEY, a int, b text) WITH COMPACT STORAGE",
                "CREATE TABLE cs_meta.novalue (k int, c int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE",
                "CREATE TABLE cs_meta.plain (k int PRIMARY KEY, a int)");
        session.refreshSchema();
        var keyspace = session.getMetadata().getKeyspace("cs_meta").orElseThrow();
        var stat = keyspace.getTable("stat").orElseThrow();
        assertThat(stat.isCompactStorage()).isTrue();
        assertThat(stat.getColumns().keySet()).extracting(id -> id.asInternal()).containsExactly("k", "a", "b");
        assertThat(stat.getClusteringColumns()).isEmpty();
        var novalue = keyspace.getTable("novalue").orElseThrow();
        assertThat(novalue.isCompactStorage()).isTrue();
        assertThat(novalue.getColumns().keySet()).extracting(id -> id.asInternal()).containsExactly("k", "c");
        assertThat(keyspace.getTable("plain").orElseThrow().isCompactStorage()).isFalse();
    }

    @Test
    void dropCompactStorageShowsTheHiddenColumnsAndKeepsTheData() {
        CqlSession session = server.session();
        run(session,
                "CREATE KEYSPACE cs_drop WITH replication = {'class':'SimpleStrategy','replication_factor':1}",
                "CREATE TABLE cs_drop.dense (k int, c int, v int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE",
                "CREATE TABLE cs_drop.novalue (k int, c int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE",
                "CREATE TABLE cs_drop.stat (k int PRIMARY KEY, a int, b text) WITH COMPACT STORAGE",
                "CREATE TABLE cs_drop.hits (k int PRIMARY KEY, n counter) WITH COMPACT STORAGE",
                "INSERT INTO cs_drop.dense (k, c, v) VALUES (1, 1, 10)",
                "INSERT INTO cs_drop.novalue (k, c) VALUES (1, 1)",
                "INSERT INTO cs_drop.stat (k, a, b) VALUES (1, 1, 'x')",
                "UPDATE cs_drop.hits SET n = n + 2 WHERE k = 1",
                "ALTER TABLE cs_drop.dense DROP COMPACT STORAGE",
                "ALTER TABLE cs_drop.novalue DROP COMPACT STORAGE",
                "ALTER TABLE cs_drop.stat DROP COMPACT STORAGE",
                "ALTER TABLE cs_drop.hits DROP COMPACT STORAGE");
        assertThatThrownBy(() -> session.execute("ALTER TABLE cs_drop.stat DROP COMPACT STORAGE"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("Cannot DROP COMPACT STORAGE on table without COMPACT STORAGE");
        assertThat(rows(session, "SELECT table_name, flags FROM system_schema.tables WHERE keyspace_name = 'cs_drop'",
                r -> r.getString(0) + " " + r.getSet(1, String.class))).containsExactly(
                "dense [compound]", "hits [compound, counter]", "novalue [compound]", "stat [compound]");
        assertThat(rows(session, "SELECT table_name, column_name, kind, position, type FROM system_schema.columns WHERE keyspace_name = 'cs_drop'",
                r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2) + " " + r.getInt(3) + " " + r.getString(4)))
                .containsExactly(
                        "dense c clustering 0 int", "dense k partition_key 0 int", "dense v regular -1 int",
                        "hits column1 clustering 0 text", "hits k partition_key 0 int", "hits n static -1 counter",
                        "hits value regular -1 counter",
                        "novalue c clustering 0 int", "novalue k partition_key 0 int", "novalue value regular -1 empty",
                        "stat a static -1 int", "stat b static -1 text", "stat column1 clustering 0 text",
                        "stat k partition_key 0 int", "stat value regular -1 blob");

        // now an ordinary table: an INSERT writes a row marker, the old rows still live only by their values
        session.execute("INSERT INTO cs_drop.dense (k, c) VALUES (1, 2)");
        session.execute("UPDATE cs_drop.dense SET v = null WHERE k = 1 AND c = 1");
        assertThat(rows(session, "SELECT * FROM cs_drop.dense", CompactStorageTest::text)).containsExactly("1, 2, null");
        session.execute("INSERT INTO cs_drop.novalue (k, c) VALUES (1, 2)");
        assertThat(columns(session, "SELECT * FROM cs_drop.novalue")).containsExactly("k", "c", "value");
        assertThat(rows(session, "SELECT k, c FROM cs_drop.novalue", CompactStorageTest::text)).containsExactly("1, 1", "1, 2");
        session.execute("INSERT INTO cs_drop.stat (k, column1, a) VALUES (2, 'x', 2)");
        session.execute("INSERT INTO cs_drop.stat (k, column1, value) VALUES (3, 'y', 0x01)");
        assertThat(columns(session, "SELECT * FROM cs_drop.stat")).containsExactly("k", "column1", "a", "b", "value");
        assertThat(rows(session, "SELECT * FROM cs_drop.stat", CompactStorageTest::text))
                .containsExactlyInAnyOrder("1, null, 1, x, null", "2, x, 2, null, null", "3, y, null, null, java.nio.HeapByteBuffer[pos=0 lim=1 cap=1]");
        assertThat(rows(session, "SELECT * FROM cs_drop.hits", CompactStorageTest::text)).containsExactly("1, null, 2, null");
        session.execute("ALTER TABLE cs_drop.dense ADD w int");
        assertThat(rows(session, "SELECT * FROM cs_drop.dense", CompactStorageTest::text)).containsExactly("1, 2, null, null");
    }

    @Test
    void compactTablesAndTheirDataSurviveARestart() {
        CqlSession session = server.session();
        run(session,
                "CREATE KEYSPACE cs_restart WITH replication = {'class':'SimpleStrategy','replication_factor':1}",
                "CREATE TABLE cs_restart.dense (k int, c int, v int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE",
                "CREATE TABLE cs_restart.novalue (k int, c int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE",
                "CREATE TABLE cs_restart.stat (k int PRIMARY KEY, a int, b text) WITH COMPACT STORAGE",
                "CREATE TABLE cs_restart.was_compact (k int PRIMARY KEY, a int) WITH COMPACT STORAGE",
                "INSERT INTO cs_restart.dense (k, c, v) VALUES (1, 1, 10)",
                "INSERT INTO cs_restart.dense (k, c, v) VALUES (1, 2, 20)",
                "UPDATE cs_restart.dense SET v = null WHERE k = 1 AND c = 2",
                "INSERT INTO cs_restart.novalue (k, c) VALUES (1, 1)",
                "INSERT INTO cs_restart.stat (k, a, b) VALUES (1, 1, 'x')",
                "INSERT INTO cs_restart.was_compact (k, a) VALUES (1, 1)",
                "ALTER TABLE cs_restart.was_compact DROP COMPACT STORAGE");
        String flags = "SELECT table_name, flags FROM system_schema.tables WHERE keyspace_name = 'cs_restart'";
        List<String> flagsBefore = rows(session, flags, CompactStorageTest::text);

        server.restart();
        CqlSession restarted = server.session();

        assertThat(rows(restarted, flags, CompactStorageTest::text)).isEqualTo(flagsBefore)
                .containsExactly("dense, [dense]", "novalue, [dense]", "stat, []", "was_compact, [compound]");
        assertThat(rows(restarted, "SELECT * FROM cs_restart.dense", CompactStorageTest::text)).containsExactly("1, 1, 10");
        assertThat(rows(restarted, "SELECT * FROM cs_restart.novalue", CompactStorageTest::text)).containsExactly("1, 1");
        assertThat(columns(restarted, "SELECT * FROM cs_restart.stat")).containsExactly("k", "a", "b");
        assertThat(rows(restarted, "SELECT * FROM cs_restart.stat", CompactStorageTest::text)).containsExactly("1, 1, x");
        assertThat(columns(restarted, "SELECT * FROM cs_restart.was_compact")).containsExactly("k", "column1", "a", "value");
        assertThatThrownBy(() -> restarted.execute("INSERT INTO cs_restart.dense (k, c) VALUES (2, 2)"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Column v is mandatory for this COMPACT STORAGE table");
        assertThatThrownBy(() -> restarted.execute("SELECT value FROM cs_restart.novalue"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Undefined column name value in table cs_restart.novalue");
    }

    private static void run(CqlSession session, String... statements) {
        for (String cql : statements) session.execute(cql);
    }

    private static List<String> rows(CqlSession session, String cql, Function<Row, String> format) {
        List<String> out = new ArrayList<>();
        for (Row row : session.execute(cql)) out.add(format.apply(row));
        return out;
    }

    private static List<String> columns(CqlSession session, String cql) {
        List<String> names = new ArrayList<>();
        session.execute(cql).getColumnDefinitions().forEach(c -> names.add(c.getName().asInternal()));
        return names;
    }

    private static String text(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) values.add(String.valueOf(row.getObject(i)));
        return String.join(", ", values);
    }
}
