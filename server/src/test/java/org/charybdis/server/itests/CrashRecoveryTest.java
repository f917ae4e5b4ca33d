package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.testing.ChildServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost: a child server takes writes through the Java driver (inserts, overwrites,
 * deletions) with small memtables, so flushes and compactions run too, and is killed with SIGKILL at a random
 * moment. After each restart every acknowledged write must be there and no acknowledged deletion undone.
 * Three rounds by default; the slow profile ({@code ./mvnw verify -Dslow}) runs twenty.
 */
class CrashRecoveryTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final int KEYS_PER_ROUND = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void batchCommitlogKeepsEveryAcknowledgedWriteAcrossKills() throws Exception {
        int rounds = Integer.getInteger("charybdis.crash.rounds", 3);
        runRounds(Map.of("commitlog_sync", "batch", "commitlog_sync_batch_window_in_ms", "1"), rounds, 11, LSM_TABLE);
    }

    @Test
    void rocksDbTablesKeepEveryAcknowledgedWriteAcrossKills() throws Exception {
        // RocksDB's WAL is off: its tables' writes are in our commitlog, replayed over what RocksDB had flushed
        int rounds = Integer.getInteger("charybdis.crash.rounds", 3);
        runRounds(Map.of("commitlog_sync", "batch", "commitlog_sync_batch_window_in_ms", "1"), rounds, 37, "WITH storage_engine = 'rocksdb'");
    }

    @Test
    void periodicCommitlogLosesNothingWhenOnlyTheProcessDies() throws Exception {
        // periodic mode writes every entry to the file at once and fsyncs every period: a killed process (as
        // opposed to a lost machine) leaves everything acknowledged in the page cache
        runRounds(Map.of("commitlog_sync", "periodic", "commitlog_sync_period_in_ms", "10000"), 1, 23, LSM_TABLE);
    }

    private static final String LSM_TABLE = "WITH compaction = {'class': 'UnifiedCompactionStrategy', 'scaling_parameters': 'T2'}";

    private void runRounds(Map<String, String> sync, int rounds, long seed, String tableOptions) throws Exception {
        Map<String, String> options = new HashMap<>(sync);
        options.put("memory", "110M");                   // 8 MB of memtable per shard (MemoryBudget): flushes every few seconds
        options.put("commitlog_segment_size_in_mb", "2");
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        Set<Integer> deleted = ConcurrentHashMap.newKeySet();
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), options, START)) {
            try (CqlSession session = child.session()) {
                session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v text, pad blob) " + tableOptions);
            }
            for (int round = 0; round < rounds; round++) {
                writeUntilKilled(child, round, random, acknowledged, deleted);
                child.restart(START);
                verify(child, round, acknowledged, deleted);
            }
        }
    }

    private void writeUntilKilled(ChildServerProcess child, int round, SplittableRandom random, Map<Integer, String> acknowledged,
                                  Set<Integer> deleted) throws Exception {
        long killAfterMillis = 500 + random.nextInt(2500);
        AtomicBoolean killed = new AtomicBoolean();
        List<Integer> earlier = new ArrayList<>(acknowledged.keySet());
        try (CqlSession session = child.session()) {
            PreparedStatement insert = session.prepare("INSERT INTO ks.t (k, v, pad) VALUES (?, ?, ?)");
            PreparedStatement delete = session.prepare("DELETE FROM ks.t WHERE k = ?");
            Semaphore inFlight = new Semaphore(64);
            Thread killer = child.killAfter(killAfterMillis, killed);
            java.nio.ByteBuffer pad = java.nio.ByteBuffer.wrap(new byte[200]);
            for (int i = 0; !killed.get() && i < KEYS_PER_ROUND; i++) {
                inFlight.acquire();
                if (!earlier.isEmpty() && i % 10 == 5) {
                    int at = random.nextInt(earlier.size());
                    int victim = earlier.get(at);
                    earlier.set(at, earlier.getLast());
                    earlier.removeLast();
                    acknowledged.remove(victim); // unknown until the deletion is acknowledged: checked neither way
                    session.executeAsync(delete.bind(victim)).whenComplete((r, e) -> {
                        inFlight.release();
                        if (e == null) deleted.add(victim);
                    });
                    continue;
                }
                int key = round * KEYS_PER_ROUND + i;
                String value = "r" + round + "-" + i;
                session.executeAsync(insert.bind(key, value, pad.duplicate())).whenComplete((r, e) -> {
                    inFlight.release();
                    if (e == null) acknowledged.put(key, value);
                });
            }
            killer.join();
            inFlight.acquire(64); // every request has an outcome (acknowledged or failed) before we judge
        }
    }

    private void verify(ChildServerProcess child, int round, Map<Integer, String> acknowledged, Set<Integer> deleted) {
        try (CqlSession session = child.session()) {
            PreparedStatement select = session.prepare("SELECT v FROM ks.t WHERE k = ?");
            List<CompletableFuture<Void>> checks = new ArrayList<>();
            Map<Integer, String> missing = new ConcurrentHashMap<>();
            Set<Integer> resurrected = ConcurrentHashMap.newKeySet();
            Semaphore inFlight = new Semaphore(128);
            for (Map.Entry<Integer, String> e : acknowledged.entrySet()) {
                inFlight.acquireUninterruptibly();
                checks.add(session.executeAsync(select.bind(e.getKey())).toCompletableFuture().thenAccept(rs -> {
                    Row row = rs.one();
                    if (row == null || !e.getValue().equals(row.getString("v"))) missing.put(e.getKey(), e.getValue());
                }).whenComplete((v, x) -> inFlight.release()));
            }
            for (int key : deleted) {
                inFlight.acquireUninterruptibly();
                checks.add(session.executeAsync(select.bind(key)).toCompletableFuture().thenAccept(rs -> {
                    if (rs.one() != null) resurrected.add(key);
                }).whenComplete((v, x) -> inFlight.release()));
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
            assertThat(acknowledged).as("round %d wrote nothing before the kill", round).isNotEmpty();
            assertThat(missing).as("acknowledged writes lost after kill -9 in round %d", round).isEmpty();
            assertThat(resurrected).as("acknowledged deletions undone after kill -9 in round %d", round).isEmpty();
            System.out.printf("crash round %d: %d acknowledged rows and %d acknowledged deletions intact%n", round, acknowledged.size(), deleted.size());
        }
    }
}
