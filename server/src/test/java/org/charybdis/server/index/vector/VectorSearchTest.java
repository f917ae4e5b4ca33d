package org.charybdis.server.index.vector;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlVector;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ANN queries through the Java driver against the exact answer computed here: over rows written before and after
 * the index, across flushes, compaction, overwrites, deletes and a restart (the graphs are opened from each SSTable's
 * Vector.db, not rebuilt), through the graph (no restriction) and through the scored scan (a token restriction) alike.
 */
class VectorSearchTest {
    private static final int DIMENSION = 8;
    private static final int ROWS = 300;

    @RegisterExtension
    static final CharybdisServerExtension NODE = new CharybdisServerExtension();

    private final Random random = new Random(11);
    /** What the table holds: "pk, c" to its vector. */
    private final Map<String, float[]> model = new LinkedHashMap<>();

    @Test
    void annQueriesReturnTheExactNearestRowsThroughFlushCompactionDeletesAndRestart() {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE vs WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE vs.t (pk int, c int, v vector<float, " + DIMENSION + ">, PRIMARY KEY (pk, c))");
        PreparedStatement insert = session.prepare("INSERT INTO vs.t (pk, c, v) VALUES (?, ?, ?)");
        for (int i = 0; i < ROWS / 2; i++) write(session, insert, i % 50, i / 50);
        assertThat(post("/storage/flush?keyspace=vs")).isEqualTo(200);
        session.execute("CREATE CUSTOM INDEX ON vs.t (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'euclidean'}");
        for (int i = ROWS / 2; i < ROWS; i++) write(session, insert, i % 50, i / 50);
        checkQueries(session);

        assertThat(post("/storage/flush?keyspace=vs")).isEqualTo(200);
        for (int i = 0; i < 40; i++) write(session, insert, i, 0); // overwrites: the old vectors must not match
        for (int pk = 40; pk < 45; pk++) {
            session.execute("DELETE FROM vs.t WHERE pk = ?", pk);
            for (int c = 0; c < ROWS / 50; c++) model.remove(pk + ", " + c);
        }
        session.execute("UPDATE vs.t SET v = null WHERE pk = 1 AND c = 1");
        model.remove("1, 1");
        assertThat(post("/storage/compact?keyspace=vs")).isEqualTo(200);
        checkQueries(session);

        write(session, insert, 7, 100); // only in the commitlog at the restart
        NODE.restart();
        session = NODE.session();
        checkQueries(session);
    }

    @Test
    void aSearchWidensPastTheNodesOfDeletedRows() {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE vw WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE vw.t (k int PRIMARY KEY, v vector<float, 2>)");
        session.execute("CREATE CUSTOM INDEX ON vw.t (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'euclidean'}");
        for (int k = 0; k < 400; k++) session.execute("INSERT INTO vw.t (k, v) VALUES (?, ?)", k, CqlVector.newInstance((float) k, 0f));
        for (int k = 0; k < 390; k++) session.execute("DELETE FROM vw.t WHERE k = ?", k); // the 390 nearest to [0, 0]
        List<Integer> found = new ArrayList<>();
        for (Row row : session.execute("SELECT k FROM vw.t ORDER BY v ANN OF [0, 0] LIMIT 5")) found.add(row.getInt("k"));
        assertThat(found).containsExactly(390, 391, 392, 393, 394);
    }

    private void write(CqlSession session, PreparedStatement insert, int pk, int c) {
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) vector[i] = random.nextFloat();
        List<Float> values = new ArrayList<>();
        for (float f : vector) values.add(f);
        session.execute(insert.bind(pk, c, CqlVector.newInstance(values)));
        model.put(pk + ", " + c, vector);
    }

    private void checkQueries(CqlSession session) {
        for (int q = 0; q < 5; q++) {
            float[] target = new float[DIMENSION];
            for (int i = 0; i < DIMENSION; i++) target[i] = random.nextFloat();
            String literal = literal(target);
            List<String> expected = exact(target, 10);
            assertThat(keys(session, "SELECT pk, c FROM vs.t ORDER BY v ANN OF " + literal + " LIMIT 10")).isEqualTo(expected);
            assertThat(keys(session, "SELECT pk, c FROM vs.t WHERE token(pk) >= -9223372036854775808 ORDER BY v ANN OF " + literal + " LIMIT 10"))
                    .isEqualTo(expected);
        }
    }

    private List<String> exact(float[] target, int k) {
        List<String> ids = new ArrayList<>(model.keySet());
        float[][] vectors = new float[ids.size()][];
        for (int i = 0; i < ids.size(); i++) vectors[i] = model.get(ids.get(i));
        return BruteForce.topK(vectors, target, VectorSimilarity.EUCLIDEAN, k).stream().map(ids::get).toList();
    }

    private static List<String> keys(CqlSession session, String cql) {
        List<String> keys = new ArrayList<>();
        for (Row row : session.execute(cql)) keys.add(row.getInt("pk") + ", " + row.getInt("c"));
        return keys;
    }

    private static String literal(float[] vector) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) s.append(i == 0 ? "" : ", ").append(vector[i]);
        return s.append(']').toString();
    }

    private static int post(String path) {
        return HttpPost.post(NODE.server().apiPort(), path).statusCode();
    }
}
