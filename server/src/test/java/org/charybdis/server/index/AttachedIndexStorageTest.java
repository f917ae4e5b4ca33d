package org.charybdis.server.index;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.QueryTrace;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.TraceEvent;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;
import static org.charybdis.server.cql.statements.select.ResultRows.rowsOnceAvailable;

/**
 * What storage-attached indexes keep on disk and what their queries cost, on Charybdis only: every flushed SSTable
 * gets its SAI.db, which survives a restart (and is rebuilt at start-up when missing, as after a crash between the
 * SSTable and its terms); an indexed range query reads as many rows as it matches, however large the table, and so
 * do indexes of clustering and static columns; an index created over a memtable indexes it without flushing it.
 */
class AttachedIndexStorageTest {
    private static final Pattern CANDIDATES = Pattern.compile("Storage-attached indexes: (\\d+) candidate rows, (\\d+) read");
    private static final Pattern TERMS = Pattern.compile("Storage-attached index: (\\d+) rows from");

    @RegisterExtension
    static final CharybdisServerExtension NODE = new CharybdisServerExtension();

    @BeforeAll
    static void onCharybdisOnly() {
        Assumptions.assumeTrue(System.getProperty("charybdis.test.external") == null, "reads Charybdis' files, restarts it and counts its trace events");
    }

    @Test
    void termsLiveInEachSSTableAndSurviveRestarts() throws Exception {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE sai_r WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sai_r.t (k int, c int, v int, tags set<text>, PRIMARY KEY (k, c))");
        session.execute("CREATE INDEX ON sai_r.t (v) USING 'sai'");
        session.execute("CREATE INDEX ON sai_r.t (tags) USING 'sai'");
        for (int k = 0; k < 10; k++) session.execute("INSERT INTO sai_r.t (k, c, v, tags) VALUES (?, 0, ?, {'a'})", k, k * 10);
        flush("sai_r");
        for (int k = 10; k < 12; k++) session.execute("INSERT INTO sai_r.t (k, c, v, tags) VALUES (?, 0, ?, {'b'})", k, k * 10);
        List<Path> terms = saiFiles("sai_r", "t");
        assertThat(terms).isNotEmpty();

        NODE.restart(); // a clean restart flushes the memtable: its SSTable gets terms too
        session = NODE.session();
        assertThat(saiFiles("sai_r", "t").size()).isGreaterThan(terms.size());
        assertThat(rows(session, "SELECT k FROM sai_r.t WHERE v >= 70")).containsExactlyInAnyOrder("7", "8", "9", "10", "11");
        assertThat(rows(session, "SELECT k FROM sai_r.t WHERE tags CONTAINS 'b'")).containsExactlyInAnyOrder("10", "11");

        for (Path file : saiFiles("sai_r", "t")) Files.delete(file); // as if the node had died before writing them
        NODE.restart();
        session = NODE.session();
        assertThat(rowsOnceAvailable(session, "SELECT k FROM sai_r.t WHERE v >= 70")).containsExactlyInAnyOrder("7", "8", "9", "10", "11");
        assertThat(saiFiles("sai_r", "t")).isNotEmpty();
        session.execute("DROP KEYSPACE sai_r");
    }

    @Test
    void aDamagedSAIFileIsBuiltAgainFromItsSSTable() throws Exception {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE sai_d WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sai_d.t (k int PRIMARY KEY, v int)");
        session.execute("CREATE INDEX ON sai_d.t (v) USING 'sai'");
        for (int k = 0; k < 50; k++) session.execute("INSERT INTO sai_d.t (k, v) VALUES (?, ?)", k, k);
        flush("sai_d");
        List<Path> files = saiFiles("sai_d", "t");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x5A;
            Files.write(file, bytes);
        }
        NODE.restart();
        session = NODE.session();
        assertThat(rowsOnceAvailable(session, "SELECT k FROM sai_d.t WHERE v >= 45")).containsExactlyInAnyOrder("45", "46", "47", "48", "49");
        assertThat(HttpPost.body(NODE.server().apiPort(), "/storage/verify?keyspace=sai_d")).contains("\"corrupt\" : [ ]");
        assertThat(rows(session, "SELECT k FROM sai_d.t WHERE v < 2")).containsExactlyInAnyOrder("0", "1");
        session.execute("DROP KEYSPACE sai_d");
    }

    @Test
    void anIndexedRangeReadsItsMatchesNotTheTable() {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE sai_c WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (String table : List.of("small", "big")) {
            session.execute("CREATE TABLE sai_c." + table + " (k int, c int, v int, PRIMARY KEY (k, c))");
            session.execute("CREATE INDEX ON sai_c." + table + " (v) USING 'sai'");
        }
        fill(session, "small", 40);
        fill(session, "big", 4000);
        flush("sai_c");
        for (String table : List.of("small", "big")) {
            QueryTrace trace = session.execute(SimpleStatement.newInstance("SELECT k, c FROM sai_c." + table + " WHERE v >= 10 AND v < 15")
                    .setTracing(true)).getExecutionInfo().getQueryTrace();
            int partitionsRead = 0;
            int candidates = 0;
            int read = 0;
            int postings = 0;
            for (TraceEvent event : trace.getEvents()) {
                String activity = event.getActivity();
                if (activity.startsWith("Executing single-partition query")) partitionsRead++;
                Matcher t = TERMS.matcher(activity);
                if (t.find()) postings += Integer.parseInt(t.group(1));
                Matcher m = CANDIDATES.matcher(activity);
                if (m.find()) {
                    candidates += Integer.parseInt(m.group(1));
                    read += Integer.parseInt(m.group(2));
                }
            }
            assertThat(postings).as(table).isEqualTo(5);
            assertThat(candidates).as(table).isEqualTo(5);
            assertThat(read).as(table).isEqualTo(5);
            assertThat(partitionsRead).as(table).isEqualTo(1); // v 10..14 share partition k = 1
        }
        assertThat(rows(session, "SELECT k, c FROM sai_c.big WHERE v >= 10 AND v < 15")).hasSize(5);
        session.execute("DROP KEYSPACE sai_c");
    }

    @Test
    void clusteringAndStaticColumnIndexesReadTheirMatchesFromTerms() {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE sai_s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sai_s.t (k int, c int, s int static, v int, PRIMARY KEY (k, c))");
        session.execute("CREATE INDEX ON sai_s.t (c) USING 'sai'");
        session.execute("CREATE INDEX ON sai_s.t (s) USING 'sai'");
        for (int k = 0; k < 100; k++) {
            session.execute("INSERT INTO sai_s.t (k, s) VALUES (?, ?)", k, k % 50);
            for (int c = 0; c < 10; c++) session.execute("INSERT INTO sai_s.t (k, c, v) VALUES (?, ?, ?)", k, c, k * 10 + c);
        }
        flush("sai_s");
        assertThat(candidatesRead(session, "SELECT k, v FROM sai_s.t WHERE c = 7")).isEqualTo(100);   // one row of each partition
        assertThat(candidatesRead(session, "SELECT k, v FROM sai_s.t WHERE s = 7")).isEqualTo(2);     // partitions 7 and 57
        assertThat(rows(session, "SELECT k, c FROM sai_s.t WHERE s = 7 AND c = 3")).containsExactlyInAnyOrder("7, 3", "57, 3");
        session.execute("DROP KEYSPACE sai_s");
    }

    @Test
    void anIndexBuiltOverAMemtableIndexesItInMemoryWithoutAFlush() throws Exception {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE sai_m WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sai_m.t (k int PRIMARY KEY, v int)");
        for (int k = 0; k < 20; k++) session.execute("INSERT INTO sai_m.t (k, v) VALUES (?, ?)", k, k);
        flush("sai_m");
        for (int k = 20; k < 25; k++) session.execute("INSERT INTO sai_m.t (k, v) VALUES (?, ?)", k, k);
        List<Path> sstables = componentFiles("sai_m", "t", "-Data.db");
        session.execute("CREATE INDEX ON sai_m.t (v) USING 'sai'");
        assertThat(rows(session, "SELECT k FROM sai_m.t WHERE v >= 18")).containsExactlyInAnyOrder("18", "19", "20", "21", "22", "23", "24");
        assertThat(componentFiles("sai_m", "t", "-Data.db")).containsExactlyInAnyOrderElementsOf(sstables);
        session.execute("DROP KEYSPACE sai_m");
    }

    /** How many index hits the query's shards read (its trace's candidate rows read). */
    private static int candidatesRead(CqlSession session, String cql) {
        QueryTrace trace = session.execute(SimpleStatement.newInstance(cql).setTracing(true)).getExecutionInfo().getQueryTrace();
        int read = 0;
        for (TraceEvent event : trace.getEvents()) {
            Matcher m = CANDIDATES.matcher(event.getActivity());
            if (m.find()) read += Integer.parseInt(m.group(2));
        }
        return read;
    }

    @Test
    void aPageReadsTheHitsItNeedsNotTheRestOfTheResult() {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE sai_deep WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sai_deep.t (k int, c int, v int, PRIMARY KEY (k, c))");
        session.execute("CREATE INDEX ON sai_deep.t (v) USING 'sai'");
        insertAll(session, "INSERT INTO sai_deep.t (k, c, v) VALUES (?, ?, ?)", 4000, row -> new Object[] {row / 10, row % 10, row % 2});
        flush("sai_deep");
        String query = "SELECT k, c FROM sai_deep.t WHERE v = 0";
        java.nio.ByteBuffer pagingState = null;
        int pages = 0;
        int rowsRead = 0;
        do {
            var page = session.execute(SimpleStatement.newInstance(query).setPageSize(50).setPagingState(pagingState).setTracing(pages % 10 == 0));
            rowsRead += page.getAvailableWithoutFetching();
            if (pages % 10 == 0) {
                int postings = 0;
                for (TraceEvent event : page.getExecutionInfo().getQueryTrace().getEvents()) {
                    Matcher t = TERMS.matcher(event.getActivity());
                    if (t.find()) postings += Integer.parseInt(t.group(1));
                }
                assertThat(postings).as("postings read for page " + pages).isLessThanOrEqualTo(4 * 129); // a round per shard, not the 2000 hits
            }
            pagingState = page.getExecutionInfo().getPagingState();
            pages++;
        } while (pagingState != null);
        assertThat(rowsRead).isEqualTo(2000);
        session.execute("DROP KEYSPACE sai_deep");
    }

    @Test
    void pagesAcrossShardsSSTablesAndTheMemtableMatchTheUnpagedAnswer() {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE sai_p WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sai_p.t (k int, c int, v int, PRIMARY KEY (k, c))");
        session.execute("CREATE INDEX ON sai_p.t (v) USING 'sai'");
        PreparedStatement insert = session.prepare("INSERT INTO sai_p.t (k, c, v) VALUES (?, ?, ?)");
        for (int round = 0; round < 3; round++) {
            for (int k = round; k < 60; k += 3) for (int c = 0; c < 5; c++) session.execute(insert.bind(k, c, (k * 5 + c) % 40));
            flush("sai_p");
        }
        session.execute("DELETE FROM sai_p.t WHERE k = 4");                    // v 20..24
        session.execute("UPDATE sai_p.t SET v = 1000 WHERE k = 2 AND c = 0");  // was 10
        List<String> unpaged = rows(session, "SELECT k, c, v FROM sai_p.t WHERE v >= 10 AND v < 30");
        assertThat(unpaged).hasSize(150 - 5 - 1).doesNotHaveDuplicates();
        for (int pageSize : new int[] {1, 7, 50}) {
            assertThat(org.charybdis.server.cql.statements.select.ResultRows.paged(session, "SELECT k, c, v FROM sai_p.t WHERE v >= 10 AND v < 30",
                    pageSize)).as("page size " + pageSize).isEqualTo(unpaged);
        }
        session.execute("DROP KEYSPACE sai_p");
    }

    /** {@code rows} rows in partitions of 10; v counts up from 0, so every table holds v 10..14 once. */
    private static void fill(CqlSession session, String table, int rows) {
        insertAll(session, "INSERT INTO sai_c." + table + " (k, c, v) VALUES (?, ?, ?)", rows, v -> new Object[] {v / 10, v % 10, v});
    }

    /** Runs the insert for rows 0 to {@code rows - 1}, with {@code values} of each, 200 at a time. */
    private static void insertAll(CqlSession session, String cql, int rows, java.util.function.IntFunction<Object[]> values) {
        PreparedStatement insert = session.prepare(cql);
        List<CompletionStage<?>> writes = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            writes.add(session.executeAsync(insert.bind(values.apply(row))));
            if (writes.size() == 200) {
                writes.forEach(w -> w.toCompletableFuture().join());
                writes.clear();
            }
        }
        writes.forEach(w -> w.toCompletableFuture().join());
    }

    private static void flush(String keyspace) {
        assertThat(HttpPost.post(NODE.server().apiPort(), "/storage/flush?keyspace=" + keyspace).statusCode()).isEqualTo(200);
    }

    /** The SAI.db files of every shard's directory of the table. */
    private static List<Path> saiFiles(String keyspace, String table) throws Exception {
        return componentFiles(keyspace, table, "-SAI.db");
    }

    /** The files of every shard's directory of the table whose names end with {@code suffix}. */
    private static List<Path> componentFiles(String keyspace, String table, String suffix) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(NODE.workdir().resolve("data").resolve(keyspace))) {
            all.filter(p -> p.getParent().getFileName().toString().startsWith(table + "-") || p.toString().contains("/" + table + "-"))
                    .filter(p -> p.getFileName().toString().endsWith(suffix)).forEach(files::add);
        }
        return files;
    }
}
