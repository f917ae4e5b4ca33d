package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import org.charybdis.cql.exceptions.ErrorCode;
import org.charybdis.cql.messages.ErrorResponse;
import org.charybdis.cql.messages.Response;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.testing.ChildServerProcess;
import org.charybdis.server.testing.CqlTestClient;
import org.charybdis.storage.file.TmpfsMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node whose data and commitlog directories are on a disk that really fills up (a small tmpfs), run as a child JVM:
 * once the commit log cannot prepare a segment, writes fail at once with WriteFailure naming the directory, reads go
 * on, the log gets a few lines rather than a stack trace per write, and writes come back by themselves once space is
 * freed. The node restarts after kill -9 and after a clean stop with little free space, and every acknowledged write
 * is still there. Skipped where the machine cannot mount a tmpfs.
 */
class DiskFullTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final int IN_FLIGHT = 64;
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void writesAreRefusedClearlyWhileTheDiskIsFullAndComeBackOnceSpaceIsFreedAcrossRestarts() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("fs"), 64 * MIB)) {
            Path commitLog = disk.path().resolve("commitlog");
            Map<String, String> options = new HashMap<>(Map.of("memory", "256M", "commitlog_segment_size_in_mb", "1",
                    "commitlog_directory", commitLog.toString(), "data_file_directories", disk.path().resolve("data").toString()));
            Writer writer = new Writer(1000);
            try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), options, START)) {
                try (CqlSession session = child.session()) {
                    session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                    session.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v text, pad blob)");
                    Path filler = disk.fill("filler", 4 * MIB);

                    // both shards fill their prepared segments, then refuse every write at once
                    long refusingSince = writer.writeUntil(session, () -> writer.consecutiveFailures.get() >= 2000, RECOVERY);
                    double refusalsPerSecond = writer.consecutiveFailures.get() * 1e9 / (System.nanoTime() - refusingSince);
                    assertThat(writer.firstFailure.get()).isInstanceOfSatisfying(WriteFailureException.class,
                            failure -> assertThat(failure.getNumFailures()).isEqualTo(1));
                    assertRawWriteRefused(child, "no space left on device in " + commitLog);
                    assertThat(session.execute("SELECT count(*) FROM ks.t").one().getLong(0)).as("reads go on")
                            .isEqualTo(writer.acknowledged.size());
                    System.out.printf("disk full: %d writes acknowledged, then refused at %.0f writes/s%n", writer.acknowledged.size(),
                            refusalsPerSecond);

                    Files.delete(filler);
                    long freed = System.nanoTime();
                    writer.writeUntil(session, () -> writer.consecutiveSuccesses.get() >= 1000, RECOVERY);
                    System.out.printf("writes came back %d ms after space was freed%n",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freed));
                    assertThat(child.output()).contains("Commit log of shard 0: cannot prepare a 1 MiB segment: no space left on device in "
                            + commitLog).contains("Commit log of shard 0: works again after");
                }

                // kill -9, then a start-up with room for little more than what the replay flushes (both shards replay and
                // flush at once, and one may prepare its new segments while the other still flushes)
                child.kill();
                Path filler = disk.fill("filler", commitLogBytes(commitLog) + 4 * MIB);
                child.restart(START);
                try (CqlSession session = child.session()) {
                    writer.verify(session);
                    Files.delete(filler);
                    writer.writeUntil(session, () -> writer.consecutiveSuccesses.get() >= 500, RECOVERY);
                }

                // a clean stop, then a start-up without room for a single new segment: the node starts, and the
                // old segments it deletes once they are replayed give its commit log room by itself
                assertThat(child.stop(START)).isIn(0, 143);
                disk.fill("filler", MIB / 2);
                child.restart(START);
                try (CqlSession session = child.session()) {
                    writer.verify(session);
                    writer.writeUntil(session, () -> writer.consecutiveSuccesses.get() >= 500, RECOVERY);
                    writer.verify(session);
                }
                assertFewStackTraces(child);
            }
        }
    }

    @Test
    void aNodeStartsWithoutRoomForADefaultSizeSegmentAndTakesWritesOnceThereIs() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("fs"), 64 * MIB)) {
            Path commitLog = disk.path().resolve("commitlog");
            Map<String, String> options = Map.of("smp", "1", "commitlog_directory", commitLog.toString(),
                    "data_file_directories", disk.path().resolve("data").toString());
            Files.createDirectories(commitLog);
            Path filler = disk.fill("filler", 21 * MIB); // the probe: 21 MB free, segments of 32 MiB
            Writer writer = new Writer(1000);
            try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), options, START);
                 CqlSession session = child.session()) {
                session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v text, pad blob)");
                writer.writeUntil(session, () -> writer.consecutiveFailures.get() >= 500, RECOVERY);
                assertThat(writer.acknowledged).isEmpty();
                assertThat(writer.firstFailure.get()).isInstanceOf(WriteFailureException.class);
                assertRawWriteRefused(child, "no space left on device in " + commitLog + " (a 32 MiB segment could not be prepared)");
                assertThat(session.execute("SELECT * FROM ks.t").all()).as("reads work").isEmpty();

                Files.delete(filler);
                long freed = System.nanoTime();
                writer.writeUntil(session, () -> writer.consecutiveSuccesses.get() >= 500, RECOVERY);
                System.out.printf("32 MiB segments: writes came back %d ms after space was freed%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freed));
                writer.verify(session);
                assertFewStackTraces(child);
            }
        }
    }

    /** An INSERT on a raw connection gets WRITE_FAILURE with the server's message (the Java driver words that error itself). */
    private static void assertRawWriteRefused(ChildServerProcess child, String expected) {
        try (CqlTestClient client = CqlTestClient.connect(child.nativePort())) {
            client.startup(ProtocolVersion.V4);
            Response response = client.query("INSERT INTO ks.t (k, v) VALUES (-1, 'refused')");
            assertThat(response).isInstanceOfSatisfying(ErrorResponse.class, error -> {
                assertThat(error.error().code()).isEqualTo(ErrorCode.WRITE_FAILURE);
                assertThat(error.error().getMessage()).contains("Cannot write to the commit log: " + expected)
                        .endsWith("writes resume once space is freed)");
            });
        }
    }

    /**
     * The child's whole log, across its restarts: a handful of lines about the outages, not a stack trace per write.
     * Stack frames of reactor stall reports (a slow machine starting up) are not failures and are not counted.
     */
    private static void assertFewStackTraces(ChildServerProcess child) {
        List<String> lines = child.output().lines().toList();
        List<String> frames = new ArrayList<>();
        List<String> exceptions = new ArrayList<>();
        boolean inStallReport = false;
        for (String line : lines) {
            if (line.startsWith("\tat ")) {
                if (!inStallReport) frames.add(line);
                continue;
            }
            inStallReport = line.contains("Reactor stall on shard");
            if (line.contains("Exception")) exceptions.add(line);
        }
        System.out.printf("child log: %d lines, %d stack frames of failures, %d lines naming an exception%n", lines.size(),
                frames.size(), exceptions.size());
        exceptions.forEach(line -> System.out.println("  " + line));
        assertThat(frames).as("stack frames of failures in the child's log").hasSizeLessThan(50);
        assertThat(exceptions).as("lines naming an exception in the child's log").hasSizeLessThan(10);
    }

    private static long commitLogBytes(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            long bytes = 0;
            for (Path f : files.toList()) bytes += Files.size(f);
            return bytes;
        }
    }

    /** Inserts new rows, IN_FLIGHT at a time, and remembers which were acknowledged. */
    private static final class Writer {
        final Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        final AtomicInteger consecutiveSuccesses = new AtomicInteger();
        final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        private final byte[] pad;
        private int nextKey;

        Writer(int padBytes) {
            pad = new byte[padBytes];
            new SplittableRandom(5).nextBytes(pad);
        }

        /**
         * Writes until {@code done} holds (checked after each request), failing the test after {@code max}; returns
         * when the current run of failures began (System.nanoTime()).
         */
        long writeUntil(CqlSession session, BooleanSupplier done, Duration max) throws InterruptedException {
            PreparedStatement insert = session.prepare("INSERT INTO ks.t (k, v, pad) VALUES (?, ?, ?)");
            consecutiveFailures.set(0);
            consecutiveSuccesses.set(0);
            AtomicReference<Long> failingSince = new AtomicReference<>(System.nanoTime());
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            long deadline = System.nanoTime() + max.toNanos();
            while (!done.getAsBoolean()) {
                assertThat(System.nanoTime()).as("still waiting after %s: %d failures in a row, %d successes in a row, first failure %s",
                        max, consecutiveFailures.get(), consecutiveSuccesses.get(), firstFailure.get()).isLessThan(deadline);
                inFlight.acquire();
                int key = nextKey++;
                String value = "v" + key;
                session.executeAsync(insert.bind(key, value, ByteBuffer.wrap(pad))).whenComplete((result, error) -> {
                    if (error == null) {
                        acknowledged.put(key, value);
                        consecutiveFailures.set(0);
                        consecutiveSuccesses.incrementAndGet();
                    } else {
                        firstFailure.compareAndSet(null, error);
                        if (consecutiveFailures.getAndIncrement() == 0) failingSince.set(System.nanoTime());
                        consecutiveSuccesses.set(0);
                    }
                    inFlight.release();
                });
            }
            inFlight.acquire(IN_FLIGHT); // every write has its outcome before anyone judges
            return failingSince.get();
        }

        /** Every acknowledged row is there with its value. */
        void verify(CqlSession session) {
            Map<Integer, String> found = new HashMap<>();
            for (Row row : session.execute(SimpleStatement.newInstance("SELECT k, v FROM ks.t").setPageSize(5000))) {
                found.put(row.getInt("k"), row.getString("v"));
            }
            Map<Integer, String> missing = new HashMap<>(acknowledged);
            missing.entrySet().removeIf(e -> e.getValue().equals(found.get(e.getKey())));
            assertThat(missing).as("acknowledged writes missing (of %d)", acknowledged.size()).isEmpty();
        }
    }
}
