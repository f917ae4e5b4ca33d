package org.charybdis.server.index.vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The exact k nearest vectors, by scoring every one: the reference an ANN search's recall is measured against. */
public final class BruteForce {
    private BruteForce() {}

    /** Indexes of the {@code k} vectors most similar to the target, best first. */
    public static List<Integer> topK(float[][] vectors, float[] target, VectorSimilarity similarity, int k) {
        PriorityQueue<float[]> best = new PriorityQueue<>(Comparator.comparingDouble(e -> e[0]));
        for (int i = 0; i < vectors.length; i++) {
            best.add(new float[] {similarity.score(target, vectors[i]), i});
            if (best.size() > k) best.poll();
        }
        List<Integer> out = new ArrayList<>(best.size());
        while (!best.isEmpty()) out.add((int) best.poll()[1]);
        return out.reversed();
    }
}
