package org.charybdis.server.index.vector;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class VectorGraphTest {
    @Test
    void findsTheExactNearestNeighboursOfASmallGraph() {
        VectorGraph graph = new VectorGraph(VectorSimilarity.EUCLIDEAN, 2);
        for (int i = 0; i < 100; i++) graph.add(key(i), Clustering.EMPTY, new float[] {i, 0});
        List<VectorGraph.Candidate> found = graph.search(new float[] {41.2f, 0}, 3).subList(0, 3);
        assertThat(found).extracting(c -> c.key().key().getInt(0)).containsExactly(41, 42, 40);
        assertThat(found.getFirst().score()).isEqualTo(VectorSimilarity.EUCLIDEAN.score(new float[] {41.2f, 0}, new float[] {41, 0}));
    }

    @Test
    void recallAtTenOfRandomVectorsIsHigh() {
        Random random = new Random(7);
        int count = 5_000;
        float[][] data = new float[count][];
        VectorGraph graph = new VectorGraph(VectorSimilarity.COSINE, 32);
        for (int i = 0; i < count; i++) {
            data[i] = randomVector(random, 32);
            graph.add(key(i), Clustering.EMPTY, data[i]);
        }
        int hits = 0;
        int queries = 50;
        for (int q = 0; q < queries; q++) {
            float[] target = randomVector(random, 32);
            List<Integer> exact = BruteForce.topK(data, target, VectorSimilarity.COSINE, 10);
            List<Integer> found = graph.search(target, 10).stream().limit(10).map(c -> c.key().key().getInt(0)).toList();
            for (Integer id : found) if (exact.contains(id)) hits++;
        }
        assertThat(hits / (double) (queries * 10)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void leavesZeroVectorsOutOfACosineGraph() {
        VectorGraph graph = new VectorGraph(VectorSimilarity.COSINE, 2);
        graph.add(key(1), Clustering.EMPTY, new float[] {0, 0});
        graph.add(key(2), Clustering.EMPTY, new float[] {1, 0});
        assertThat(graph.size()).isEqualTo(1);
    }

    private static DecoratedKey key(int i) {
        return DecoratedKey.of(ByteBuffer.allocate(4).putInt(0, i));
    }

    private static float[] randomVector(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) v[i] = random.nextFloat() * 2 - 1;
        return v;
    }
}
