package org.charybdis.tools.bench.vector;

import org.charybdis.server.index.vector.BruteForce;
import org.charybdis.server.index.vector.VectorSimilarity;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.vector.VectorCandidate;
import org.charybdis.storage.vector.VectorIndex;
import org.charybdis.storage.vector.VectorSegment;
import org.charybdis.storage.vector.VectorSegmentWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Builds one SSTable's vector index graph per shard (the storage engine's {@link VectorSegmentWriter}, each on its own
 * thread) over seeded synthetic embeddings, writes each to a file and opens it again as a start-up does (map, check
 * the checksum, {@link VectorSegment#open}), answers queries as an unrestricted ANN query does (every shard's graph,
 * then the best k of all), and compares each answer with the exact one.
 */
final class VectorBenchmark {
    record Settings(int vectors, int dimension, int shards, int queries, int k, VectorSimilarity similarity, int clusters, long seed,
                    int[] widths) {}

    /** The queries searched with one beam width. */
    record Search(int width, double recall, double queriesPerSecond, double meanMillis) {}

    record Report(Settings settings, double buildSeconds, double openSeconds, long fileBytes, List<Search> searches) {
        String text() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
                    vector-bench: %d vectors of %d dimensions (%s), %s similarity, %d shard graph(s)
                      build:   %.1f s (%.0f vectors/s), written to %d MiB of Vector.db
                      open:    %.2f s (map, checksum, open every graph), as at start-up
                    """, settings.vectors(), settings.dimension(),
                    settings.clusters() == 0 ? "uniform" : settings.clusters() + " clusters",
                    settings.similarity().name().toLowerCase(Locale.ROOT), settings.shards(), buildSeconds,
                    settings.vectors() / buildSeconds, fileBytes >> 20, openSeconds));
            for (Search search : searches) {
                text.append(String.format(Locale.ROOT, "  search beam width %d: recall@%d %.4f against brute force (%d queries), "
                        + "%.1f queries per second on one thread (mean %.2f ms)%n", search.width(), settings.k(), search.recall(),
                        settings.queries(), search.queriesPerSecond(), search.meanMillis()));
            }
            return text.toString();
        }
    }

    private final Settings settings;
    private final PrintStream progress;
    private final VectorIndex index;

    VectorBenchmark(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        VectorSimilarity similarity = settings.similarity();
        this.index = new VectorIndex(new UUID(0, 1), 0, settings.dimension(), similarity.luceneFunction(), similarity::score);
    }

    Report run() {
        Random random = new Random(settings.seed());
        float[][] centres = new float[Math.max(settings.clusters(), 1)][];
        for (int i = 0; i < centres.length; i++) centres[i] = uniform(random);
        float[][] data = new float[settings.vectors()][];
        for (int i = 0; i < data.length; i++) data[i] = embedding(random, centres);

        Path directory;
        try {
            directory = Files.createTempDirectory("vector-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path[] files = new Path[settings.shards()];
        long start = System.nanoTime();
        // as shards do, every graph is built by its own thread, over every shards-th vector
        IntStream.range(0, files.length).parallel().forEach(shard -> files[shard] = build(shard, data, directory));
        double buildSeconds = seconds(start);

        long openStart = System.nanoTime();
        VectorSegment[] segments = new VectorSegment[files.length];
        long fileBytes = 0;
        for (int shard = 0; shard < files.length; shard++) {
            segments[shard] = open(files[shard]);
            fileBytes += size(files[shard]);
        }
        double openSeconds = seconds(openStart);

        float[][] targets = new float[settings.queries()][];
        for (int q = 0; q < targets.length; q++) targets[q] = embedding(random, centres);
        progress.println("vector-bench: brute force for the recall");
        List<Set<Integer>> exact = new ArrayList<>(targets.length);
        for (float[] target : targets) exact.add(new HashSet<>(BruteForce.topK(data, target, settings.similarity(), settings.k())));

        List<Search> searches = new ArrayList<>();
        for (int width : settings.widths()) {
            long hits = 0;
            long searchStart = System.nanoTime();
            List<List<Integer>> answers = new ArrayList<>(targets.length);
            for (float[] target : targets) answers.add(search(segments, target, width));
            double searchSeconds = seconds(searchStart);
            for (int q = 0; q < targets.length; q++) {
                for (Integer found : answers.get(q)) if (exact.get(q).contains(found)) hits++;
            }
            searches.add(new Search(width, hits / (double) ((long) targets.length * settings.k()), targets.length / searchSeconds,
                    searchSeconds * 1000 / targets.length));
        }
        for (Path file : files) delete(file);
        delete(directory);
        return new Report(settings, buildSeconds, openSeconds, fileBytes, searches);
    }

    /** One shard's graph, written to a file with a CRC32 after the body (as a component's footer has). */
    private Path build(int shard, float[][] data, Path directory) {
        VectorSegmentWriter writer = new VectorSegmentWriter(List.of(index), 0);
        for (int i = shard; i < data.length; i += settings.shards()) {
            ByteBuffer value = ByteBuffer.allocate(data[i].length * Float.BYTES);
            for (int d = 0; d < data[i].length; d++) value.putFloat(d * Float.BYTES, data[i][d]);
            writer.add(key(i), Clustering.EMPTY, List.of(Cell.regular(0, null, value, 0)));
        }
        progress.printf(Locale.ROOT, "vector-bench: shard %d: building its graph%n", shard);
        try {
            BufferWriter body = writer.body();
            CRC32 crc = new CRC32();
            crc.update(body.array(), 0, body.position());
            body.writeInt((int) crc.getValue());
            Path file = directory.resolve("shard-" + shard + "-Vector.db");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = body.view();
                while (bytes.hasRemaining()) channel.write(bytes);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static VectorSegment open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer whole = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            ByteBuffer body = whole.slice(0, whole.capacity() - 4);
            CRC32 crc = new CRC32();
            crc.update(body.duplicate());
            if ((int) crc.getValue() != whole.getInt(whole.capacity() - 4)) throw new IllegalStateException("checksum mismatch in " + file);
            return VectorSegment.open(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The best k of every shard's best k, as the coordinator merges shards. */
    private List<Integer> search(VectorSegment[] segments, float[] target, int width) {
        List<VectorCandidate> all = new ArrayList<>();
        for (VectorSegment segment : segments) {
            List<VectorCandidate> found = new ArrayList<>();
            segment.search(index, target, Math.max(width, settings.k()), found::add);
            found.sort(Comparator.comparingDouble(VectorCandidate::score).reversed());
            all.addAll(found.subList(0, Math.min(settings.k(), found.size())));
        }
        all.sort(Comparator.comparingDouble(VectorCandidate::score).reversed());
        List<Integer> ids = new ArrayList<>(settings.k());
        for (int i = 0; i < Math.min(settings.k(), all.size()); i++) ids.add(all.get(i).row().partition().key().getInt(0));
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

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
