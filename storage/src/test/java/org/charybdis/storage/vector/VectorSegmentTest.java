package org.charybdis.storage.vector;

import org.apache.lucene.index.VectorSimilarityFunction;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Vector.db body: written by {@link VectorSegmentWriter}, searched in place by {@link VectorSegment}. */
class VectorSegmentTest {
    private static final VectorIndex EUCLIDEAN = new VectorIndex(new UUID(0, 1), 1, 16, VectorSimilarityFunction.EUCLIDEAN,
            VectorSegmentTest::euclidean);
    private static final VectorIndex COSINE = new VectorIndex(new UUID(0, 2), 2, 2, VectorSimilarityFunction.COSINE,
            VectorSimilarityFunction.COSINE::compare);

    private final Random random = new Random(7);

    @Test
    void findsTheNearestVectorsAndTheirRows() throws Exception {
        float[][] vectors = new float[2000][];
        VectorSegmentWriter writer = new VectorSegmentWriter(List.of(EUCLIDEAN), 1);
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = randomVector(16);
            writer.add(key(i / 10), clustering(i % 10), List.of(cell(1, vectors[i])));
        }
        VectorSegment segment = VectorSegment.open(writer.body().copy());
        long hits = 0;
        for (int q = 0; q < 20; q++) {
            float[] target = randomVector(16);
            List<VectorCandidate> found = search(segment, EUCLIDEAN, target, 100);
            assertThat(found).hasSize(100);
            for (VectorCandidate candidate : found) {
                int row = rowOf(candidate);
                assertThat(candidate.score()).isEqualTo(euclidean(target, vectors[row]));
            }
            Set<Integer> exact = new HashSet<>(IntStream.range(0, vectors.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> euclidean(target, vectors[i])).reversed()).limit(10).toList());
            for (VectorCandidate candidate : found.subList(0, 10)) if (exact.contains(rowOf(candidate))) hits++;
        }
        assertThat(hits / 200.0).as("recall@10").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aSearchCollectsAsManyNodesAsItsWidthOrAllOfThem() throws Exception {
        VectorSegmentWriter writer = new VectorSegmentWriter(List.of(EUCLIDEAN), 1);
        for (int i = 0; i < 30; i++) writer.add(key(i), clustering(0), List.of(cell(1, randomVector(16))));
        VectorSegment segment = VectorSegment.open(writer.body().copy());
        assertThat(search(segment, EUCLIDEAN, randomVector(16), 5)).hasSize(5);
        assertThat(search(segment, EUCLIDEAN, randomVector(16), 20)).hasSize(20);
        assertThat(search(segment, EUCLIDEAN, randomVector(16), 100)).hasSize(30);
    }

    @Test
    void holdsEachIndexOnItsOwnLeavingOutTombstonesAndZeroCosineVectors() throws Exception {
        VectorSegmentWriter writer = new VectorSegmentWriter(List.of(EUCLIDEAN, COSINE), 1);
        writer.add(key(1), clustering(0), List.of(cell(1, randomVector(16)), cell(2, new float[] {1, 0})));
        writer.add(key(2), clustering(0), List.of(cell(2, new float[] {0, 0})));            // zero: no cosine
        writer.add(key(3), clustering(0), List.of(Cell.tombstone(1, null, 1, 0)));         // deleted
        writer.add(key(4), clustering(0), List.of(cell(2, new float[] {0, 1})));
        VectorSegment segment = VectorSegment.open(writer.body().copy());
        assertThat(segment.covers(EUCLIDEAN.id())).isTrue();
        assertThat(segment.covers(new UUID(0, 3))).isFalse();
        assertThat(search(segment, EUCLIDEAN, randomVector(16), 10)).extracting(c -> c.row().partition()).containsExactly(key(1));
        assertThat(search(segment, COSINE, new float[] {0, 1}, 10)).extracting(c -> c.row().partition()).containsExactly(key(4), key(1));
    }

    @Test
    void anEmptySegmentFindsNothing() throws Exception {
        VectorSegment segment = VectorSegment.open(new VectorSegmentWriter(List.of(EUCLIDEAN), 0).body().copy());
        assertThat(segment.covers(EUCLIDEAN.id())).isTrue();
        assertThat(search(segment, EUCLIDEAN, randomVector(16), 10)).isEmpty();
        assertThat(search(VectorSegment.NONE, EUCLIDEAN, randomVector(16), 10)).isEmpty();
    }

    private static List<VectorCandidate> search(VectorSegment segment, VectorIndex index, float[] target, int width) {
        List<VectorCandidate> found = new ArrayList<>();
        segment.search(index, target, width, found::add);
        found.sort(Comparator.comparingDouble(VectorCandidate::score).reversed());
        return found;
    }

    private static int rowOf(VectorCandidate candidate) {
        return candidate.row().partition().key().getInt(0) * 10 + candidate.row().clustering().get(0).getInt(0);
    }

    private float[] randomVector(int dimension) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) vector[i] = random.nextFloat();
        return vector;
    }

    private static Cell cell(int column, float[] vector) {
        ByteBuffer value = ByteBuffer.allocate(vector.length * Float.BYTES);
        for (int i = 0; i < vector.length; i++) value.putFloat(i * Float.BYTES, vector[i]);
        return Cell.regular(column, null, value, 1);
    }

    private static DecoratedKey key(int k) {
        return DecoratedKey.of(ByteBuffer.allocate(4).putInt(0, k));
    }

    private static Clustering clustering(int c) {
        return Clustering.of(ByteBuffer.allocate(4).putInt(0, c));
    }

    private static float euclidean(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return 1 / (1 + sum);
    }
}
