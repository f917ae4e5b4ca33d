import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory and speed of reading one large partition page by page (issue 11), against one running node.
 * <ul>
 * <li>{@code load}: creates {@code bench_large.wide (pk int, ck int, v blob, PRIMARY KEY (pk, ck))} with compaction off
 * and writes ROWS rows of 1000-byte random values under {@code pk = 0} in eight interleaved passes ({@code ck = pass,
 * pass + 8, ...}), so that every SSTable a memtable flush writes spans the whole partition and a read merges all of
 * them; then flushes it through the admin API.</li>
 * <li>{@code read}: reads the partition to its end through the Java driver at 5000 rows a page, forward, then with
 * {@code ORDER BY ck DESC}, checking that every row comes once and in order. Meanwhile it samples the server's heap use
 * (admin API {@code /info}, which includes garbage not yet collected) and RSS ({@code /proc/PID/status}) every 250 ms,
 * and prints MB/s (values and keys, 10^6 bytes), heap and RSS before, during and after each read, and the heap left
 * after each garbage collection during the read when given the server's GC log ({@code -Xlog:gc:file=PATH:timemillis}).</li>
 * </ul>
 * <pre>java -cp 'tools/target/lib/*' tools/scripts/LargePartitionBench.java HOST:CQL_PORT:API_PORT SERVER_PID ROWS load|read|both [GC_LOG]</pre>
 */
public final class LargePartitionBench {
    private static final int VALUE_BYTES = 1000;
    private static final int PAGE_SIZE = 5000;
    private static final int PASSES = 8;
    private static final Pattern HEAP_USED = Pattern.compile("\"heap_used_bytes\"\\s*:\\s*(\\d+)");
    private static final Pattern GC_LINE = Pattern.compile("^\\[(\\d+)ms].*GC\\(\\d+\\) (Minor|Major) Collection .*->(\\d+)M\\(");

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LargePartitionBench HOST:CQL_PORT:API_PORT SERVER_PID ROWS load|read|both [GC_LOG]");
            System.exit(2);
        }
        String[] address = args[0].split(":");
        Node node = new Node(address[0], Integer.parseInt(address[1]), Integer.parseInt(address[2]), Long.parseLong(args[1]));
        int rows = Integer.parseInt(args[2]);
        Path gcLog = args.length > 4 ? Path.of(args[4]) : null;
        try (CqlSession session = node.session()) {
            if (!args[3].equals("read")) load(session, node, rows);
            if (!args[3].equals("load")) {
                for (boolean reversed : new boolean[] {false, true}) read(session, node, rows, reversed, gcLog);
            }
        }
    }

    private static void load(CqlSession session, Node node, int rows) throws Exception {
        session.execute("CREATE KEYSPACE IF NOT EXISTS bench_large WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS bench_large.wide (pk int, ck int, v blob, PRIMARY KEY (pk, ck)) "
                + "WITH compaction = {'class': 'UnifiedCompactionStrategy', 'enabled': 'false'}");
        PreparedStatement insert = session.prepare("INSERT INTO bench_large.wide (pk, ck, v) VALUES (0, ?, ?)");
        Semaphore inFlight = new Semaphore(128);
        AtomicLong failures = new AtomicLong();
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        int written = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            for (int ck = pass; ck < rows; ck += PASSES) {
                inFlight.acquire();
                int key = ck;
                pending.add(withRetries(() -> session.executeAsync(insert.bind(key, value(key))), 5, failures)
                        .whenComplete((r, e) -> inFlight.release()));
                if (++written % 100_000 == 0) {
                    System.err.printf(Locale.ROOT, "%,d rows written, %.0f s%n", written, (System.nanoTime() - start) / 1e9);
                    pending.removeIf(CompletableFuture::isDone);
                }
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        System.err.printf(Locale.ROOT, "%,d rows written in %.0f s (%d retried writes); flushing%n", rows, (System.nanoTime() - start) / 1e9, failures.get());
        long flushStart = System.nanoTime();
        node.post("/storage/flush?keyspace=bench_large");
        System.err.printf(Locale.ROOT, "flushed in %.0f s%n", (System.nanoTime() - flushStart) / 1e9);
    }

    private static CompletableFuture<Object> withRetries(java.util.function.Supplier<CompletionStage<?>> write, int attempts, AtomicLong failures) {
        return write.get().toCompletableFuture().<CompletableFuture<Object>>handle((r, e) -> {
            if (e == null) return CompletableFuture.completedFuture(r);
            if (attempts <= 1) return CompletableFuture.failedFuture(e);
            failures.incrementAndGet();
            return withRetries(write, attempts - 1, failures);
        }).thenCompose(f -> f);
    }

    private static ByteBuffer value(int ck) {
        byte[] bytes = new byte[VALUE_BYTES];
        new SplittableRandom(ck).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    private static void read(CqlSession session, Node node, int rows, boolean reversed, Path gcLog) throws Exception {
        String cql = "SELECT ck, v FROM bench_large.wide WHERE pk = 0" + (reversed ? " ORDER BY ck DESC" : "");
        Sample before = node.sample();
        double cpuBefore = node.cpuSeconds();
        Sampler sampler = new Sampler(node);
        sampler.start();
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        ResultSet result = session.execute(SimpleStatement.newInstance(cql).setPageSize(PAGE_SIZE));
        long count = 0;
        long bytes = 0;
        int pages = 1;
        int expected = reversed ? rows - 1 : 0;
        for (Row row : result) {
            int ck = row.getInt(0);
            if (ck != expected) throw new AssertionError("row " + count + ": ck " + ck + ", expected " + expected);
            expected += reversed ? -1 : 1;
            bytes += 4 + row.getByteBuffer(1).remaining();
            count++;
            if (result.getAvailableWithoutFetching() == 0 && !result.isFullyFetched()) pages++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = node.cpuSeconds() - cpuBefore;
        long endMillis = System.currentTimeMillis();
        List<Sample> during = sampler.finish();
        if (count != rows) throw new AssertionError(count + " rows, expected " + rows);
        Thread.sleep(2000);
        Sample after = node.sample();

        System.out.printf(Locale.ROOT, "%s: %,d rows, %.1f MB in %.1f s = %.1f MB/s, %d pages of up to %d rows; server CPU %.1f s (%.1f ms per MB)%n",
                reversed ? "ORDER BY ck DESC" : "forward", count, bytes / 1e6, seconds, bytes / 1e6 / seconds, pages, PAGE_SIZE, cpu,
                cpu * 1000 / (bytes / 1e6));
        System.out.printf(Locale.ROOT, "  heap used (admin API, %d samples): before %s, during %s, 2 s after %s%n",
                during.size(), mb(before.heap), spread(during.stream().mapToLong(s -> s.heap).toArray()), mb(after.heap));
        System.out.printf(Locale.ROOT, "  RSS: before %s, during %s, 2 s after %s%n",
                mb(before.rss), spread(during.stream().mapToLong(s -> s.rss).toArray()), mb(after.rss));
        if (gcLog != null) {
            long[] all = heapAfterCollections(gcLog, startMillis, endMillis, false);
            long[] major = heapAfterCollections(gcLog, startMillis, endMillis, true);
            System.out.printf(Locale.ROOT, "  heap after each of %d collections during the read: %s; by tenths of the read: %s%n",
                    all.length, spread(all), tenths(all));
            System.out.printf(Locale.ROOT, "  heap after each of the %d major collections (old generation collected too): %s%n",
                    major.length, list(major));
        }
    }

    /** Heap in use right after each collection (or each major one) that ended between the two instants. */
    private static long[] heapAfterCollections(Path gcLog, long fromMillis, long toMillis, boolean majorOnly) throws Exception {
        List<Long> live = new ArrayList<>();
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (!m.find() || (majorOnly && !m.group(2).equals("Major"))) continue;
            long at = Long.parseLong(m.group(1));
            if (at >= fromMillis && at <= toMillis) live.add(Long.parseLong(m.group(3)) << 20);
        }
        return live.stream().mapToLong(Long::longValue).toArray();
    }

    private static String list(long[] values) {
        StringBuilder s = new StringBuilder();
        for (long v : values) s.append(s.isEmpty() ? "" : ", ").append(v >> 20);
        return s.isEmpty() ? "none" : s + " MB";
    }

    private static String tenths(long[] values) {
        if (values.length < 10) return "too few collections";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            long max = 0;
            for (int j = i * values.length / 10; j < (i + 1) * values.length / 10; j++) max = Math.max(max, values[j]);
            s.append(i == 0 ? "" : " ").append(max >> 20);
        }
        return s + " MB (largest in each)";
    }

    private static String spread(long[] values) {
        if (values.length == 0) return "no samples";
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return "min " + mb(sorted[0]) + " / median " + mb(sorted[sorted.length / 2]) + " / max " + mb(sorted[sorted.length - 1]);
    }

    private static String mb(long bytes) {
        return (bytes >> 20) + " MB";
    }

    private record Sample(long heap, long rss) {}

    /** Samples the node every 250 ms on a thread of its own until stopped. */
    private static final class Sampler extends Thread {
        private final Node node;
        private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;

        Sampler(Node node) {
            this.node = node;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    samples.add(node.sample());
                    Thread.sleep(250);
                } catch (Exception e) {
                    return;
                }
            }
        }

        List<Sample> finish() throws InterruptedException {
            running = false;
            join();
            return new ArrayList<>(samples);
        }
    }

    private record Node(String host, int cqlPort, int apiPort, long pid) {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        CqlSession session() {
            return CqlSession.builder()
                    .addContactPoint(new InetSocketAddress(host, cqlPort))
                    .withLocalDatacenter("datacenter1")
                    .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                            .build())
                    .build();
        }

        Sample sample() throws Exception {
            String info = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + apiPort + "/info")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher heap = HEAP_USED.matcher(info);
            if (!heap.find()) throw new IllegalStateException("no heap_used_bytes in " + info);
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
            }
            return new Sample(Long.parseLong(heap.group(1)), rss);
        }

        /** CPU time the server process has used (user and system), from /proc/PID/stat. */
        double cpuSeconds() throws Exception {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in clock ticks
        }

        void post(String path) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + apiPort + path))
                    .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
    }
}
