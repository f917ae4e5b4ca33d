package org.charybdis.tools.bench.vector;

import org.charybdis.server.index.vector.VectorSimilarity;
import org.charybdis.storage.vector.VectorIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code charybdis vector-bench}: builds the vector index graphs a table's shards would hold (the storage engine's
 * own Vector.db writer) over synthetic embeddings, writes and reopens them, then measures recall@k of ANN searches
 * against brute force and the searches per second. Exit codes: 0 done, 2 bad options.
 */
@Command(name = "vector-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark vector search: graph build rate, recall@k against brute force, and queries per second.",
                "Vectors are clustered Gaussian embeddings (seeded); each shard holds its own graph and a query searches all of them.",
                "The default size needs a large heap: CHARYBDIS_JVM_OPTS='-Xmx4g --add-modules jdk.incubator.vector' bin/charybdis vector-bench"})
public final class VectorBenchCommand implements Callable<Integer> {
    @Option(names = "--vectors", paramLabel = "<n>", defaultValue = "1000000", description = "Vectors to index (default: ${DEFAULT-VALUE})")
    int vectors;

    @Option(names = "--dimension", paramLabel = "<n>", defaultValue = "128", description = "Dimension of every vector (default: ${DEFAULT-VALUE})")
    int dimension;

    @Option(names = "--shards", paramLabel = "<n>", defaultValue = "1", description = "Graphs the vectors are spread over and built in parallel, as shards (default: ${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--queries", paramLabel = "<n>", defaultValue = "200", description = "ANN queries measured (default: ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--k", paramLabel = "<n>", defaultValue = "10", description = "Neighbours per query, the k of recall@k (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--similarity", paramLabel = "<function>", defaultValue = "cosine", description = "cosine, euclidean or dot_product (default: ${DEFAULT-VALUE})")
    String similarity;

    @Option(names = "--clusters", paramLabel = "<n>", defaultValue = "1000", description = "Centres the embeddings gather around; 0 for uniform noise (default: ${DEFAULT-VALUE})")
    int clusters;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42", description = "Seed of the vectors and queries (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--width", paramLabel = "<n>[,<n>...]", split = ",", description = "Search beam widths, as the server's "
            + "vector_search_beam_width, each measured over the same graphs (default: " + VectorIndex.DEFAULT_SEARCH_BEAM_WIDTH + ")")
    int[] widths = {VectorIndex.DEFAULT_SEARCH_BEAM_WIDTH};

    @Override
    public Integer call() {
        VectorBenchmark.Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("charybdis vector-bench: " + e.getMessage());
            return 2;
        }
        VectorBenchmark.Report report = new VectorBenchmark(settings, System.err).run();
        System.out.print(report.text());
        System.out.flush();
        return 0;
    }

    VectorBenchmark.Settings settings() {
        positive("--vectors", vectors);
        positive("--dimension", dimension);
        positive("--shards", shards);
        positive("--queries", queries);
        positive("--k", k);
        for (int width : widths) positive("--width", width);
        if (clusters < 0) throw new IllegalArgumentException("--clusters must be 0 or more, got " + clusters);
        if (k > vectors) throw new IllegalArgumentException("--k " + k + " is more than the " + vectors + " vectors");
        VectorSimilarity function;
        try {
            function = VectorSimilarity.valueOf(similarity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--similarity must be cosine, euclidean or dot_product, got " + similarity);
        }
        return new VectorBenchmark.Settings(vectors, dimension, shards, queries, k, function, clusters, seed, widths);
    }

    private static void positive(String option, int value) {
        if (value <= 0) throw new IllegalArgumentException(option + " must be positive, got " + value);
    }
}
