package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.testing.ChildServerProcess;
import org.charybdis.storage.testing.FileDamage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Damage in the middle of a commit log segment, as the issue found it: 2,000 rows written with
 * {@code commitlog_sync: batch} and acknowledged, the server killed, 16 bytes flipped in the middle of the
 * used part of a segment. The server must not start as if nothing happened (by default it refuses and says how
 * to go on); with {@code commitlog_replay_errors: ignore} it replays every intact entry, so only the rows in
 * the damaged bytes are missing, and it keeps the damaged segment.
 */
class CommitLogDamageTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final int ROWS = 2000;

    @TempDir
    Path dir;

    @Test
    void damagedDurableEntriesStopTheStartUntilTheOperatorSaysIgnoreAndThenOnlyTheyAreLost() throws Exception {
        Map<String, String> options = Map.of("commitlog_sync", "batch", "commitlog_sync_batch_window_in_ms", "1");
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), options, START)) {
            writeRows(child);
            child.kill();

            Path commitLog = child.workdir().resolve("commitlog");
            Path damaged = largestSegment(commitLog);
            long flippedAt = FileDamage.flipSixteenBytesInTheMiddle(damaged, usedBytes(damaged));

            assertThatThrownBy(() -> child.restart(START))
                    .hasMessageContaining("exited with 1")
                    .hasMessageContaining("has damaged entries that had been written durably")
                    .hasMessageContaining(damaged.toString())
                    .hasMessageContaining("commitlog_replay_errors: ignore");
            assertThat(damaged).exists(); // nothing was flushed or deleted
            String damagedShard = "shard-" + damaged.getFileName().toString().split("-")[2];
            assertThat(dataFiles(child)).as("the damaged shard's refused start flushes nothing it replayed")
                    .noneMatch(f -> f.getParent().getFileName().toString().equals(damagedShard));

            child.setOption("commitlog_replay_errors", "ignore");
            child.restart(START);
            Set<Integer> present = readKeys(child);
            assertThat(ROWS - present.size()).as("rows lost to 16 flipped bytes at offset %d", flippedAt).isBetween(0, 2);
            assertThat(child.output()).contains("acknowledged writes in it may be lost").contains(damaged.getFileName().toString());
            assertThat(commitLog.resolve("damaged").resolve(damaged.getFileName())).exists();
            assertThat(damaged).doesNotExist();

            child.kill(); // the replayed rows were flushed and the damaged segment moved aside: the next start is clean
            child.setOption("commitlog_replay_errors", "stop");
            child.restart(START);
            assertThat(readKeys(child)).isEqualTo(present);
            System.out.printf("commit log damage: %d of %d rows intact after 16 bytes flipped at offset %d of %s%n",
                    present.size(), ROWS, flippedAt, damaged.getFileName());
        }
    }

    private static void writeRows(ChildServerProcess child) throws Exception {
        try (CqlSession session = child.session()) {
            session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v text)");
            PreparedStatement insert = session.prepare("INSERT INTO ks.t (k, v) VALUES (?, ?)");
            Semaphore inFlight = new Semaphore(64);
            List<CompletableFuture<?>> writes = new ArrayList<>();
            for (int k = 0; k < ROWS; k++) {
                inFlight.acquire();
                CompletionStage<?> write = session.executeAsync(insert.bind(k, "value-" + k));
                writes.add(write.toCompletableFuture().whenComplete((r, e) -> inFlight.release()));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join(); // every row acknowledged
        }
    }

    private static Set<Integer> readKeys(ChildServerProcess child) {
        try (CqlSession session = child.session()) {
            Set<Integer> keys = new HashSet<>();
            for (Row row : session.execute("SELECT k, v FROM ks.t")) {
                assertThat(row.getString("v")).isEqualTo("value-" + row.getInt("k"));
                keys.add(row.getInt("k"));
            }
            return keys;
        }
    }

    private static List<Path> dataFiles(ChildServerProcess child) throws IOException {
        Path data = child.workdir().resolve("data");
        if (!Files.exists(data)) return List.of();
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(f -> f.getFileName().toString().endsWith("Data.db") && f.toString().contains("/t-")).toList();
        }
    }

    /** The segment holding the most entries (the two shards each have one). */
    private static Path largestSegment(Path commitLog) throws IOException {
        try (Stream<Path> files = Files.list(commitLog)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .max(Comparator.comparingLong(CommitLogDamageTest::usedBytes)).orElseThrow();
        }
    }

    /** Up to the last non-zero byte: segments are pre-allocated full of zeros. */
    private static long usedBytes(Path segment) {
        try {
            byte[] bytes = Files.readAllBytes(segment);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] == 0) end--;
            return end;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
