package org.charybdis.tools.bench.vector;

import org.charybdis.server.index.vector.BruteForce;
import org.charybdis.server.index.vector.VectorGraph;
import org.charybdis.server.index.vector.VectorSimilarity;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Builds one {@link VectorGraph} per shard (each on its own thread) over seeded synthetic embeddings, answers queries as an unrestricted ANN
 * query does (every shard's graph, then the best k of all), and compares each answer with the exact one.
 */
final class VectorBenchmark {
    record Settings(int vectors, int dimension, int shards, int queries, int k, VectorSimilarity similarity, int clusters, long seed) {}

    record Report(Settings settings, double buildSeconds, double recall, double queriesPerSecond, double meanMillis) {
        String text() {
            return String.format(Locale.ROOT, """
                    vector-bench: %d vectors of %d dimensions (%s), %s similarity, %d shard graph(s)
                      build:   %.1f s (%.0f vectors/s)
                      recall@%d against brute force: %.4f (%d queries)
                      queries: %.1f per second on one thread (mean %.2f ms)
                    """, settings.vectors(), settings.dimension(),
                    settings.clusters() == 0 ? "uniform" : settings.clusters() + " clusters",
                    settings.similarity().name().toLowerCase(Locale.ROOT), settings.shards(), buildSeconds, settings.vectors() / buildSeconds,
                    settings.k(), recall, settings.queries(), queriesPerSecond, meanMillis);
        }
    }

    private final Settings settings;
    private final PrintStream progress;

    VectorBenchmark(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    Report run() {
        Random random = new Random(settings.seed());
        float[][] centres = new float[Math.max(settings.clusters(), 1)][];
        for (int i = 0; i < centres.length; i++) centres[i] = uniform(random);
        float[][] data = new float[settings.vectors()][];
        for (int i = 0; i < data.length; i++) data[i] = embedding(random, centres);

        VectorGraph[] graphs = new VectorGraph[settings.shards()];
        long start = System.nanoTime();
        // as shards do, every graph is built by its own thread, over every shards-th vector
        IntStream.range(0, graphs.length).parallel().forEach(shard -> graphs[shard] = build(shard, data, start));
        double buildSeconds = seconds(start);

        float[][] targets = new float[settings.queries()][];
        for (int q = 0; q < targets.length; q++) targets[q] = embedding(random, centres);
        List<List<Integer>> answers = new ArrayList<>(targets.length);
        long searchStart = System.nanoTime();
        for (float[] target : targets) answers.add(search(graphs, target));
        double searchSeconds = seconds(searchStart);

        progress.println("vector-bench: brute force for the recall");
        long hits = 0;
        for (int q = 0; q < targets.length; q++) {
            Set<Integer> exact = new HashSet<>(BruteForce.topK(data, targets[q], settings.similarity(), settings.k()));
            for (Integer found : answers.get(q)) if (exact.contains(found)) hits++;
        }
        double recall = hits / (double) ((long) targets.length * settings.k());
        return new Report(settings, buildSeconds, recall, targets.length / searchSeconds, searchSeconds * 1000 / targets.length);
    }

    private VectorGraph build(int shard, float[][] data, long start) {
        VectorGraph graph = new VectorGraph(settings.similarity(), settings.dimension());
        for (int i = shard; i < data.length; i += settings.shards()) {
            graph.add(key(i), Clustering.EMPTY, data[i]);
            if (graph.size() % 100_000 == 0) {
                progress.printf(Locale.ROOT, "vector-bench: shard %d: %d vectors indexed in %.0f s%n", shard, graph.size(), seconds(start));
            }
        }
        return graph;
    }

    /** The best k of every shard's best k, as the coordinator merges shards. */
    private List<Integer> search(VectorGraph[] graphs, float[] target) {
        List<VectorGraph.Candidate> all = new ArrayList<>();
        for (VectorGraph graph : graphs) {
            List<VectorGraph.Candidate> found = graph.search(target, settings.k());
            all.addAll(found.subList(0, Math.min(settings.k(), found.size())));
        }
        all.sort(Comparator.comparingDouble(VectorGraph.Candidate::score).reversed());
        List<Integer> ids = new ArrayList<>(settings.k());
        for (int i = 0; i < Math.min(settings.k(), all.size()); i++) ids.add(all.get(i).key().key().getInt(0));
        return ids;
    }

    private float[] uniform(Random random) {
        float[] v = new float[settings.dimension()];
        for (int i = 0; i < v.length; i++) v[i] = random.nextFloat() * 2 - 1;
        return v;
    }

    /** A point near a random centre (Gaussian noise), or uniform noise without clusters. */
    private float[] embedding(Random random, float[][] centres) {
        if (settings.clusters() == 0) return uniform(random);
        float[] centre = centres[random.nextInt(centres.length)];
        float[] v = new float[settings.dimension()];
        for (int i = 0; i < v.length; i++) v[i] = centre[i] + (float) random.nextGaussian() * 0.2f;
        return v;
    }

    private static DecoratedKey key(int i) {
        return DecoratedKey.of(ByteBuffer.allocate(4).putInt(0, i));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
