package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table stored by RocksDB, through the Java driver: every statement runs on it and on the same table stored by the
 * default engine, and both answer alike (clustering order both ways, statics, collections, all deletion kinds, TTLs,
 * paging, token scans); then flush, compaction, snapshot (restored with refresh into tables of both engines), truncate,
 * restart and drop, with the data in RocksDB's files.
 */
class RocksDbTableTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    private static final String TABLE = "(k int, c1 int, c2 text, s int STATIC, v text, m map<text, int>, "
            + "PRIMARY KEY (k, c1, c2)) WITH CLUSTERING ORDER BY (c1 ASC, c2 DESC)";
    private static final List<String> QUERIES = List.of(
            "SELECT * FROM %s",
            "SELECT * FROM %s WHERE k = 1",
            "SELECT * FROM %s WHERE k = 1 ORDER BY c1 DESC, c2 ASC",
            "SELECT * FROM %s WHERE k = 1 AND c1 > 1 AND c1 <= 3",
            "SELECT * FROM %s WHERE k = 1 AND c1 = 2 AND c2 < 'b'",
            "SELECT * FROM %s WHERE k IN (1, 2, 3) LIMIT 5",
            "SELECT k, s FROM %s WHERE k = 2",
            "SELECT k, c1, c2, writetime(v) FROM %s WHERE k = 4",
            "SELECT token(k), k, c1, c2 FROM %s WHERE token(k) > 0",
            "SELECT m FROM %s WHERE k = 1 AND c1 = 1 AND c2 = 'a'");

    private static CqlSession session;

    @BeforeAll
    static void tables() {
        session = server.session();
        session.execute("CREATE KEYSPACE rk WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE rk.rocks " + TABLE + " AND storage_engine = 'rocksdb'");
        session.execute("CREATE TABLE rk.plain " + TABLE);
    }

    @Test
    void answersAsTheDefaultEngineDoesThroughWritesDeletesFlushesAndCompactions() throws Exception {
        List<String> writes = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            for (int c1 = 1; c1 <= 4; c1++) {
                for (String c2 : List.of("a", "b", "c")) {
                    writes.add("INSERT INTO %s (k, c1, c2, v, m) VALUES (" + k + ", " + c1 + ", '" + c2 + "', 'v" + k + c1 + c2 + "', {'x': " + c1 + "})");
                }
            }
            writes.add("UPDATE %s SET s = " + (k * 10) + " WHERE k = " + k);
        }
        writes.addAll(List.of(
                "DELETE FROM %s WHERE k = 1 AND c1 = 2 AND c2 = 'b'",                  // row
                "DELETE FROM %s WHERE k = 2 AND c1 > 2",                                // range
                "DELETE FROM %s WHERE k = 3",                                           // partition
                "DELETE v FROM %s WHERE k = 1 AND c1 = 3 AND c2 = 'a'",                 // cell
                "DELETE m['x'] FROM %s WHERE k = 1 AND c1 = 1 AND c2 = 'a'",            // collection element
                "UPDATE %s SET m = m + {'y': 7} WHERE k = 1 AND c1 = 1 AND c2 = 'a'",
                "INSERT INTO %s (k, c1, c2, v) VALUES (3, 1, 'a', 'older') USING TIMESTAMP 1", // shadowed by the partition delete
                "INSERT INTO %s (k, c1, c2, v) VALUES (4, 9, 'z', 'lives') USING TTL 100000",
                "INSERT INTO %s (k, c1, c2, v) VALUES (4, 8, 'z', 'expires') USING TTL 1"));
        long timestamp = 1_000_000;
        for (String write : writes) { // the same write time on both tables, so writetime() agrees too
            timestamp++;
            session.execute(SimpleStatement.newInstance(String.format(write, "rk.rocks")).setQueryTimestamp(timestamp));
            session.execute(SimpleStatement.newInstance(String.format(write, "rk.plain")).setQueryTimestamp(timestamp));
        }
        Thread.sleep(2100); // the TTL 1 row expires
        assertSameAnswers();
        for (String table : List.of("rk.rocks", "rk.plain")) { // ttl() counts down: compared with a margin, not across tables
            assertThat(session.execute("SELECT ttl(v) FROM " + table + " WHERE k = 4 AND c1 = 9 AND c2 = 'z'").one().getInt(0))
                    .isBetween(99_000, 100_000);
        }

        HttpPost.body(server.apiPort(), "/storage_service/keyspace_flush/rk");
        assertSameAnswers();
        assertThat(rocksDbFiles()).as("the RocksDB instances hold SST files after the flush").anyMatch(f -> f.toString().endsWith(".sst"));
        HttpPost.body(server.apiPort(), "/storage_service/keyspace_compaction/rk");
        assertSameAnswers();
        assertThat(count("rk.rocks", 1)).isEqualTo(11);
    }

    @Test
    void snapshotsTruncatesSurvivesARestartAndDrops() throws IOException {
        session.execute("CREATE TABLE rk.life (k int, c int, v text, PRIMARY KEY (k, c)) WITH storage_engine = 'rocksdb'");
        for (int k = 0; k < 20; k++) {
            for (int c = 0; c < 5; c++) session.execute("INSERT INTO rk.life (k, c, v) VALUES (" + k + ", " + c + ", 'x')");
        }
        HttpPost.body(server.apiPort(), "/storage_service/snapshots?tag=before&kn=rk&cf=life");
        Path snapshot = snapshot("life", "before");
        assertThat(Files.readString(snapshot.resolve("schema.cql"))).contains("storage_engine = 'rocksdb'");
        try (Stream<Path> files = Files.walk(snapshot)) {
            assertThat(files.filter(f -> f.toString().endsWith(".sst"))).as("the table's RocksDB files, linked").isNotEmpty();
        }

        for (String engine : List.of("rocksdb", "charybdis")) { // the snapshot's files load into a table of either engine
            String restored = "restored_" + engine;
            session.execute("CREATE TABLE rk." + restored + " (k int, c int, v text, PRIMARY KEY (k, c)) WITH storage_engine = '" + engine + "'");
            copyTree(snapshot, tableDirectory(restored).resolve("upload"));
            HttpPost.body(server.apiPort(), "/storage_service/sstables/rk?cf=" + restored);
            assertThat(session.execute("SELECT count(*) FROM rk." + restored).one().getLong(0)).as(restored).isEqualTo(100);
            assertThat(session.execute("SELECT v FROM rk." + restored + " WHERE k = 7 AND c = 3").one().getString(0)).isEqualTo("x");
        }

        session.execute("TRUNCATE rk.life");
        assertThat(session.execute("SELECT * FROM rk.life").all()).isEmpty();
        session.execute("INSERT INTO rk.life (k, c, v) VALUES (1, 1, 'after')");

        server.restart(); // the writes since the last flush come back from the commitlog, the truncated ones do not
        session = server.session();
        assertThat(session.execute("SELECT k, c, v FROM rk.life").all()).extracting(r -> r.getInt(0) + "/" + r.getInt(1) + "/" + r.getString(2))
                .containsExactly("1/1/after");
        assertThat(count("rk.rocks", 1)).as("the other RocksDB table after the restart").isPositive();

        session.execute("DROP TABLE rk.life");
        session.execute("CREATE TABLE rk.life (k int, c int, v text, PRIMARY KEY (k, c)) WITH storage_engine = 'rocksdb'");
        assertThat(session.execute("SELECT * FROM rk.life").all()).isEmpty();
    }

    @Test
    void secondaryIndexesAndViewsWorkOnARocksDbTable() {
        session.execute("CREATE TABLE rk.users (id int PRIMARY KEY, email text, city text) WITH storage_engine = 'rocksdb'");
        session.execute("CREATE INDEX ON rk.users (city)");
        session.execute("CREATE MATERIALIZED VIEW rk.by_email AS SELECT * FROM rk.users WHERE email IS NOT NULL AND id IS NOT NULL "
                + "PRIMARY KEY (email, id)");
        for (int id = 1; id <= 30; id++) {
            session.execute("INSERT INTO rk.users (id, email, city) VALUES (" + id + ", 'u" + id + "@x', '" + (id % 3 == 0 ? "Oslo" : "Rome") + "')");
        }
        session.execute("UPDATE rk.users SET city = 'Rome' WHERE id = 3");
        session.execute("DELETE FROM rk.users WHERE id = 6");
        assertThat(session.execute("SELECT id FROM rk.users WHERE city = 'Oslo'").all()).extracting(r -> r.getInt(0))
                .containsExactlyInAnyOrder(9, 12, 15, 18, 21, 24, 27, 30);
        assertThat(session.execute("SELECT id FROM rk.by_email WHERE email = 'u7@x'").one().getInt(0)).isEqualTo(7);
        assertThat(session.execute("SELECT * FROM rk.by_email WHERE email = 'u6@x'").all()).isEmpty();
    }

    private static void assertSameAnswers() {
        for (String query : QUERIES) {
            for (int pageSize : new int[] {2, 1000}) {
                assertThat(rows(String.format(query, "rk.rocks"), pageSize)).as("%s, pages of %d", query, pageSize)
                        .isEqualTo(rows(String.format(query, "rk.plain"), pageSize));
            }
        }
    }

    private static List<String> rows(String query, int pageSize) {
        ResultSet result = session.execute(SimpleStatement.newInstance(query).setPageSize(pageSize));
        List<String> rows = new ArrayList<>();
        for (Row row : result) rows.add(row.getFormattedContents());
        return rows;
    }

    private static long count(String table, int k) {
        return session.execute("SELECT count(*) FROM " + table + " WHERE k = " + k).one().getLong(0);
    }

    private static List<Path> rocksDbFiles() throws IOException {
        try (Stream<Path> files = Files.walk(server.workdir())) {
            return files.filter(f -> f.toString().contains("rocksdb-engine")).toList();
        }
    }

    private static Path tableDirectory(String table) {
        java.util.UUID id = session.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = 'rk' AND table_name = '" + table + "'")
                .one().getUuid(0);
        return server.workdir().resolve("data").resolve("rk").resolve(table + "-" + id.toString().replace("-", ""));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static Path snapshot(String table, String tag) throws IOException {
        try (Stream<Path> files = Files.walk(server.workdir())) {
            return files.filter(f -> f.getFileName().toString().equals(tag) && f.getParent().getFileName().toString().equals("snapshots")
                    && f.toString().contains("/" + table + "-")).findFirst().orElseThrow();
        }
    }
}
