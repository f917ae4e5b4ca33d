package org.charybdis.server.index.vector;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.TraceEvent;
import com.datastax.oss.driver.api.core.data.CqlVector;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.charybdis.storage.testing.FileDamage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.select.ResultRows.pages;
import static org.charybdis.server.cql.statements.select.ResultRows.paged;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;
import static org.charybdis.server.cql.statements.select.ResultRows.rowsOnceAvailable;

/**
 * What vector indexes keep on disk, on Charybdis only: every flushed or compacted SSTable gets a Vector.db holding
 * its HNSW graph, opened (not rebuilt) at start-up, rebuilt when damaged or missing, without the nodes of
 * overwritten or deleted rows after a compaction; and ANN answers that never show deleted, overwritten or expired
 * vectors, page as Cassandra's do, and search as wide as {@code vector_search_beam_width} says.
 */
class VectorIndexStorageTest {
    private static final int WIDTH = 250;

    @RegisterExtension
    static final CharybdisServerExtension NODE = new CharybdisServerExtension().with(ServerConfig.VECTOR_SEARCH_BEAM_WIDTH, WIDTH);

    @BeforeAll
    static void onCharybdisOnly() {
        Assumptions.assumeTrue(System.getProperty("charybdis.test.external") == null, "reads Charybdis' files and restarts it");
    }

    @Test
    void graphsArePersistedWithTheirSSTablesAndOpenedAtStartWithoutARebuild() throws Exception {
        CqlSession session = table("vp_r");
        for (int k = 0; k < 200; k++) insert(session, "vp_r", k, k, 0);
        flush("vp_r");
        List<Path> files = vectorFiles("vp_r");
        assertThat(files).isNotEmpty();
        List<byte[]> contents = contents(files);
        List<Long> modified = modified(files);

        NODE.restart();
        session = NODE.session();
        assertThat(rows(session, "SELECT k FROM vp_r.t ORDER BY v ANN OF [0, 0] LIMIT 4")).containsExactly("0", "1", "2", "3");
        assertThat(vectorFiles("vp_r")).isEqualTo(files);
        assertThat(modified(files)).as("opened, not written again").isEqualTo(modified);
        assertThat(contents(files)).usingRecursiveComparison().isEqualTo(contents);
        session.execute("DROP KEYSPACE vp_r");
    }

    @Test
    void aDamagedOrMissingGraphIsBuiltAgainFromItsSSTable() throws Exception {
        CqlSession session = table("vp_d");
        for (int k = 0; k < 100; k++) insert(session, "vp_d", k, k, 0);
        flush("vp_d");
        List<Path> files = vectorFiles("vp_d");
        List<byte[]> original = contents(files);
        for (Path file : files) FileDamage.flipSixteenBytesInTheMiddle(file);
        NODE.restart();
        session = NODE.session();
        assertThat(rowsOnceAvailable(session, "SELECT k FROM vp_d.t ORDER BY v ANN OF [99, 0] LIMIT 3")).containsExactly("99", "98", "97");
        assertThat(contents(files)).as("the same graph, built again").usingRecursiveComparison().isEqualTo(original);

        for (Path file : files) Files.delete(file); // as if the node had died between the SSTable and its graph
        NODE.restart();
        session = NODE.session();
        assertThat(rowsOnceAvailable(session, "SELECT k FROM vp_d.t ORDER BY v ANN OF [50.2, 0] LIMIT 3")).containsExactly("50", "51", "49");
        assertThat(contents(files)).usingRecursiveComparison().isEqualTo(original);
        session.execute("DROP KEYSPACE vp_d");
    }

    @Test
    void compactionWritesGraphsWithoutTheNodesOfOverwrittenOrDeletedRows() throws Exception {
        CqlSession session = table("vp_c");
        for (int k = 0; k < 100; k++) insert(session, "vp_c", k, k, 0);
        flush("vp_c");
        for (int k = 0; k < 50; k++) insert(session, "vp_c", k, k + 1000, 0); // overwritten: far away now
        for (int k = 50; k < 70; k++) session.execute("DELETE FROM vp_c.t WHERE k = ?", k);
        flush("vp_c");
        assertThat(nodes(vectorFiles("vp_c"))).isEqualTo(150);
        assertThat(post("/storage/compact?keyspace=vp_c")).isEqualTo(200);

        assertThat(nodes(compactedFiles("vp_c"))).as("one node per live row").isEqualTo(80);
        assertThat(rows(session, "SELECT k FROM vp_c.t ORDER BY v ANN OF [0, 0] LIMIT 3")).containsExactly("70", "71", "72");
        assertThat(rows(session, "SELECT k FROM vp_c.t ORDER BY v ANN OF [1000, 0] LIMIT 2")).containsExactly("0", "1");
        session.execute("DROP KEYSPACE vp_c");
    }

    @Test
    void deletedOverwrittenAndExpiredVectorsNeverShowInMemtablesOrSSTables() throws Exception {
        for (boolean flushed : new boolean[] {false, true}) {
            String ks = flushed ? "vp_f" : "vp_m";
            CqlSession session = table(ks);
            for (int k = 0; k < 20; k++) insert(session, ks, k, k, 0);
            session.execute("INSERT INTO " + ks + ".t (k, v) VALUES (100, [0.5, 0]) USING TTL 1");
            if (flushed) flush(ks);
            insert(session, ks, 0, 500, 0);
            session.execute("DELETE FROM " + ks + ".t WHERE k = 1");
            session.execute("UPDATE " + ks + ".t SET v = null WHERE k = 2");
            if (flushed) flush(ks);
            Thread.sleep(2100); // k = 100 expires
            assertThat(rows(session, "SELECT k FROM " + ks + ".t ORDER BY v ANN OF [0, 0] LIMIT 3")).as(ks).containsExactly("3", "4", "5");
            assertThat(rows(session, "SELECT k FROM " + ks + ".t ORDER BY v ANN OF [500, 0] LIMIT 1")).as(ks).containsExactly("0");
            session.execute("DROP KEYSPACE " + ks);
        }
    }

    @Test
    void anIndexBuiltOverAMemtableIndexesItInMemoryWithoutAFlush() throws Exception {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE vp_b WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE vp_b.t (k int PRIMARY KEY, v vector<float, 2>)");
        for (int k = 0; k < 20; k++) insert(session, "vp_b", k, k, 0);
        flush("vp_b");
        for (int k = 20; k < 25; k++) insert(session, "vp_b", k, k, 0);
        List<Path> sstables = componentFiles("vp_b", "-Data.db");
        session.execute("CREATE CUSTOM INDEX ON vp_b.t (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'euclidean'}");
        assertThat(rowsOnceAvailable(session, "SELECT k FROM vp_b.t ORDER BY v ANN OF [23.9, 0] LIMIT 3")).containsExactly("24", "23", "22");
        assertThat(rowsOnceAvailable(session, "SELECT k FROM vp_b.t ORDER BY v ANN OF [0.2, 0] LIMIT 2")).containsExactly("0", "1");
        assertThat(componentFiles("vp_b", "-Data.db")).as("no flush").containsExactlyInAnyOrderElementsOf(sstables);
        session.execute("DROP KEYSPACE vp_b");
    }

    @Test
    void aPageSizeBelowTheLimitReturnsEveryRowInOrder() {
        CqlSession session = table("vp_p");
        for (int k = 0; k < 40; k++) insert(session, "vp_p", k, k, 0);
        flush("vp_p");
        for (int k = 40; k < 60; k++) insert(session, "vp_p", k, k, 0);
        String cql = "SELECT k FROM vp_p.t ORDER BY v ANN OF [30.2, 0] LIMIT 25";
        List<String> unpaged = rows(session, cql);
        assertThat(unpaged).hasSize(25).startsWith("30", "31", "29", "32", "28");
        for (int pageSize : new int[] {1, 3, 10}) assertThat(paged(session, cql, pageSize)).as("page size " + pageSize).isEqualTo(unpaged);
        assertThat(pages(session, cql, 3)).as("one page, as Cassandra 5.0 answers").containsExactly(unpaged);
        session.execute("DROP KEYSPACE vp_p");
    }

    @Test
    void searchesAsWideAsTheSettingSays() {
        CqlSession session = table("vp_w");
        for (int k = 0; k < 10; k++) insert(session, "vp_w", k, k, 0);
        flush("vp_w");
        List<String> activities = new ArrayList<>();
        for (TraceEvent event : session.execute(SimpleStatement.newInstance("SELECT k FROM vp_w.t ORDER BY v ANN OF [0, 0] LIMIT 2")
                .setTracing(true)).getExecutionInfo().getQueryTrace().getEvents()) {
            activities.add(event.getActivity());
        }
        assertThat(activities).anyMatch(a -> a.startsWith("Vector index (search beam width " + WIDTH + ")"));
        session.execute("DROP KEYSPACE vp_w");
    }

    @Test
    void aZeroVectorIsRefusedOnACosineIndexedColumnOnly() {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE vp_z WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE vp_z.t (k int PRIMARY KEY, v vector<float, 2>, e vector<float, 2>)");
        session.execute("CREATE CUSTOM INDEX ON vp_z.t (v) USING 'StorageAttachedIndex'");
        session.execute("CREATE CUSTOM INDEX ON vp_z.t (e) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'euclidean'}");
        assertThatThrownBy(() -> session.execute("INSERT INTO vp_z.t (k, v) VALUES (1, [0, 0])")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Zero vectors cannot be indexed or queried with cosine similarity");
        session.execute("INSERT INTO vp_z.t (k, e) VALUES (1, [0, 0])");
        assertThat(rows(session, "SELECT k, v FROM vp_z.t")).containsExactly("1, null");
        session.execute("DROP KEYSPACE vp_z");
    }

    private static CqlSession table(String keyspace) {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE " + keyspace + ".t (k int PRIMARY KEY, v vector<float, 2>)");
        session.execute("CREATE CUSTOM INDEX ON " + keyspace + ".t (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'euclidean'}");
        return session;
    }

    private static void insert(CqlSession session, String keyspace, int k, float x, float y) {
        PreparedStatement insert = session.prepare("INSERT INTO " + keyspace + ".t (k, v) VALUES (?, ?)");
        session.execute(insert.bind(k, CqlVector.newInstance(x, y)));
    }

    /** Graph nodes in the files: one per row with a vector (the row count, after the body's clustering size). */
    private static int nodes(List<Path> files) throws Exception {
        int nodes = 0;
        for (byte[] bytes : contents(files)) nodes += ByteBuffer.wrap(bytes).getInt(16 + 4);
        return nodes;
    }

    private static List<byte[]> contents(List<Path> files) throws Exception {
        List<byte[]> contents = new ArrayList<>();
        for (Path file : files) contents.add(Files.readAllBytes(file));
        return contents;
    }

    private static List<Long> modified(List<Path> files) throws Exception {
        List<Long> times = new ArrayList<>();
        for (Path file : files) times.add(Files.getLastModifiedTime(file).toMillis());
        return times;
    }

    private static void flush(String keyspace) {
        assertThat(post("/storage/flush?keyspace=" + keyspace)).isEqualTo(200);
    }

    private static int post(String path) {
        return HttpPost.post(NODE.server().apiPort(), path).statusCode();
    }

    /** The Vector.db files once the SSTables a major compaction replaced are deleted (which happens after it answers). */
    private static List<Path> compactedFiles(String keyspace) throws Exception {
        for (int attempt = 0; ; attempt++) {
            List<Path> files = vectorFiles(keyspace);
            long directories = files.stream().map(Path::getParent).distinct().count();
            if (files.size() == directories || attempt == 100) return files;
            Thread.sleep(100);
        }
    }

    /** The Vector.db files of every shard's directory of the keyspace's table, sorted. */
    private static List<Path> vectorFiles(String keyspace) throws Exception {
        return componentFiles(keyspace, "-Vector.db");
    }

    /** The files of every shard's directory of the keyspace's table whose names end with {@code suffix}, sorted. */
    private static List<Path> componentFiles(String keyspace, String suffix) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> all = Files.walk(NODE.workdir().resolve("data").resolve(keyspace))) {
                return all.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            } catch (java.io.UncheckedIOException e) {
                // a compaction's replaced SSTables are deleted in the background, maybe while the walk lists them
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 20) throw e;
            }
        }
    }
}
