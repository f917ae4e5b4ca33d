package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.ChildServerProcess;
import org.charybdis.server.testing.CqlTestClient;
import org.charybdis.cql.messages.ReadyResponse;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.server.testing.RunsAlone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overload, as a client flood causes it: 50 connections with 1,000 writes of 10 KB in flight each, against a server
 * in a child JVM. The shards admit what their limits allow and stop reading the other connections, so the server's
 * memory stays bounded, a fresh connection is served within a second, and every write acknowledged is there after.
 */
@RunsAlone
class OverloadTest {
    private static final int CONNECTIONS = 50;
    private static final int IN_FLIGHT = 1_000;
    private static final int VALUE_BYTES = 10 * 1024;
    /**
     * The growth of the server's resident memory the flood may cause: its memtables may fill their budget (240 MB of
     * the default 1 GB) and its heap is 560 MB (MemoryBudget); requests beyond the admission limits never reach it.
     */
    private static final long RSS_GROWTH_LIMIT = 1536L << 20;

    @TempDir
    Path temp;

    @Test
    void aFloodOfLargeWritesIsHeldBackWithoutLosingAcknowledgedOnes() throws Exception {
        try (ChildServerProcess child = ChildServerProcess.start(temp.resolve("node"), Map.of(), Duration.ofSeconds(90))) {
            try (CqlSession admin = session(child, 64)) {
                admin.execute("CREATE KEYSPACE flood WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                admin.execute("CREATE TABLE flood.t (k int PRIMARY KEY, v blob)");
            }
            long baselineRss = rssBytes(child.pid());
            List<CqlSession> clients = new ArrayList<>(CONNECTIONS);
            long t0 = System.nanoTime();
            for (int i = 0; i < CONNECTIONS; i++) clients.add(session(child, 2 * IN_FLIGHT));
            System.out.printf("flood: %d sessions opened in %d ms%n", CONNECTIONS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            AtomicLong peakRss = new AtomicLong(baselineRss);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            AtomicLong peakWaiting = new AtomicLong();
            sampler.scheduleAtFixedRate(() -> {
                peakRss.accumulateAndGet(rssBytes(child.pid()), Math::max);
                peakWaiting.accumulateAndGet(waitingRequests(child), Math::max);
            }, 0, 50, TimeUnit.MILLISECONDS);
            ConcurrentMap<Integer, Boolean> acknowledged = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<?>> writes = new ArrayList<>(CONNECTIONS * IN_FLIGHT);
            CompletableFuture<Long> fresh = null;
            try {
                for (int c = 0; c < CONNECTIONS; c++) {
                    // halfway through the flood, a new client connects: it must be served at once
                    if (c == CONNECTIONS / 2) fresh = CompletableFuture.supplyAsync(() -> freshConnectionMillis(child));
                    CqlSession client = clients.get(c);
                    PreparedStatement insert = client.prepare("INSERT INTO flood.t (k, v) VALUES (?, ?)");
                    for (int i = 0; i < IN_FLIGHT; i++) {
                        int key = c * IN_FLIGHT + i;
                        writes.add(client.executeAsync(insert.bind(key, value(key))).toCompletableFuture().whenComplete((rs, error) -> {
                            if (error == null) acknowledged.put(key, true);
                            else failures.add(error.getClass().getSimpleName());
                        }));
                    }
                }
                long flood = System.nanoTime();
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).handle((r, e) -> null).get(5, TimeUnit.MINUTES);
                long freshMillis = fresh.get(1, TimeUnit.MINUTES);
                long start = flood;
                System.out.printf("flood: fresh connection %d ms, all writes answered %d ms after the last was sent, %d acknowledged, failures %s, "
                        + "RSS %d MB before, %d MB at peak, at most %d requests waiting for admission%n", freshMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                        acknowledged.size(), summary(failures), baselineRss >> 20, peakRss.get() >> 20, peakWaiting.get());
                assertThat(peakWaiting.get()).as("requests the shards held back").isPositive();
                assertThat(freshMillis).as("a fresh connection's first query during the flood (ms)").isLessThan(1_000);
            } finally {
                sampler.shutdownNow();
                long t1 = System.nanoTime();
                CompletableFuture.allOf(clients.stream().map(c -> c.closeAsync().toCompletableFuture()).toArray(CompletableFuture[]::new))
                        .get(1, TimeUnit.MINUTES);
                System.out.printf("flood: sessions closed in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
                child.output().lines().filter(l -> l.contains("WARN") || l.contains("ERROR")).limit(40).forEach(System.out::println);
            }
            long growth = peakRss.get() - baselineRss;
            assertThat(growth).as("resident memory growth under the flood (bytes)").isLessThan(RSS_GROWTH_LIMIT);
            // most writes go through; a few may time out or be shed, and those were never acknowledged
            assertThat(acknowledged.size()).as("acknowledged writes, failures: " + summary(failures))
                    .isGreaterThan(CONNECTIONS * IN_FLIGHT / 2);
            long readStart = System.nanoTime();
            try (CqlSession reader = session(child, 2 * IN_FLIGHT)) {
                PreparedStatement select = reader.prepare("SELECT v FROM flood.t WHERE k = ?");
                List<CompletableFuture<Void>> reads = new ArrayList<>();
                List<Integer> missing = new ArrayList<>();
                for (int key : acknowledged.keySet()) {
                    reads.add(reader.executeAsync(select.bind(key)).toCompletableFuture().thenAccept(rs -> {
                        Row row = rs.one();
                        if (row == null || !row.getByteBuffer(0).equals(value(key))) {
                            synchronized (missing) { missing.add(key); }
                        }
                    }));
                    if (reads.size() == IN_FLIGHT) {
                        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
                        reads.clear();
                    }
                }
                CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
                System.out.printf("flood: %d acknowledged writes read back in %d ms%n", acknowledged.size(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readStart));
                assertThat(missing).as("acknowledged writes missing afterwards").isEmpty();
            }
        }
    }

    /** How long a new connection takes to start up and answer its first query (the raw protocol, no driver start-up). */
    private static long freshConnectionMillis(ChildServerProcess child) {
        long start = System.nanoTime();
        try (CqlTestClient fresh = CqlTestClient.connect(child.nativePort())) {
            assertThat(fresh.startup(org.charybdis.cql.transport.ProtocolVersion.V4)).isInstanceOf(ReadyResponse.class);
            assertThat(fresh.query("SELECT release_version FROM system.local")).isInstanceOf(RowsResult.class);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static ByteBuffer value(int key) {
        ByteBuffer value = ByteBuffer.allocate(VALUE_BYTES);
        for (int i = 0; i < VALUE_BYTES; i += 4) value.putInt(i, key ^ i);
        return value;
    }

    private static String summary(ConcurrentLinkedQueue<String> failures) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String failure : failures) counts.merge(failure, 1L, Long::sum);
        return counts.toString();
    }

    /** One connection to the child, allowing this many requests in flight on it. */
    private static CqlSession session(ChildServerProcess child, int maxRequests) {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", child.nativePort()))
                .withLocalDatacenter(CharybdisServerExtension.DATACENTER)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 1)
                        .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, maxRequests)
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofMinutes(2))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                        // 51 sessions close without a 2 s wait each
                        .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                        .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                        .withInt(DefaultDriverOption.SESSION_LEAK_THRESHOLD, 2 * CONNECTIONS)
                        .build())
                .build();
    }

    /** Requests waiting for admission on all shards, from the child's Prometheus endpoint. */
    private static long waitingRequests(ChildServerProcess child) {
        try {
            String text = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + child.prometheusPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(l -> l.startsWith("charybdis_transport_requests_waiting{"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    /** The resident set size of a process (VmRSS in /proc/<pid>/status). */
    private static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
