package org.charybdis.storage.commitlog;

import org.charybdis.storage.commitlog.CommitLogConfig.SyncMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.storage.commitlog.TestShard.payload;
import static org.charybdis.storage.commitlog.TestShard.payloads;

class CommitLogTest {
    private static final int SEGMENT = 64 * 1024;
    private static final UUID TABLE_A = new UUID(1, 1);
    private static final UUID TABLE_B = new UUID(2, 2);

    @TempDir
    Path dir;
    private TestShard shard = new TestShard();

    @AfterEach
    void tearDown() {
        shard.close();
    }

    private CommitLogConfig config() {
        return CommitLogConfig.defaults(dir).withSegmentSize(SEGMENT);
    }

    @Test
    void entriesReplayInOrderWithTheirPositionsAcrossSegments() throws Exception {
        CommitLog log = shard.open(config());
        List<byte[]> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) written.add(payload(i, 700 + (i * 37) % 1500));
        List<Long> positions = shard.addAll(log, written, List.of(TABLE_A));
        shard.await(log::shutdown);

        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(positions.stream().map(CommitLogPosition::segmentId).distinct().count()).isGreaterThanOrEqualTo(4);
        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.result().damages()).isEmpty();
        assertThat(replayed.result().entriesReplayed()).isEqualTo(200);
        assertThat(replayed.positions()).isEqualTo(positions);
        assertThat(replayed.payloads()).usingElementComparator(Arrays::compare).isEqualTo(written);
        assertThat(replayed.result().lastPosition()).isEqualTo(positions.getLast());
    }

    @Test
    void positionsGrowAcrossAddsAndTurns() throws Exception {
        CommitLog log = shard.open(config());
        long before = shard.call(log::currentPosition);
        List<Long> first = shard.addAll(log, payloads(30, 3000), List.of(TABLE_A));
        List<Long> second = shard.addAll(log, payloads(30, 3000), List.of(TABLE_A));

        assertThat(first.getFirst()).isGreaterThan(before);
        assertThat(second.getFirst()).isGreaterThan(first.getLast());
        assertThat(second).isSorted();
        assertThat(shard.call(log::currentPosition)).isEqualTo(second.getLast());
        shard.await(log::shutdown);
    }

    @Test
    void entryLargerThanHalfASegmentIsRejected() throws Exception {
        CommitLog log = shard.open(config());
        int max = SEGMENT / 2 - CommitLogSegment.ENTRY_HEADER_SIZE;

        assertThatThrownBy(() -> shard.call(() -> log.add(ByteBuffer.allocate(max + 1), List.of(TABLE_A))))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Mutation of " + (max + 1) + " bytes is too large for the commit log (maximum " + max + " bytes)");
        assertThat(shard.await(() -> log.add(ByteBuffer.allocate(max), List.of(TABLE_A)))).isPositive();
        shard.await(log::shutdown);
    }

    @Test
    void periodicModeWritesEntriesToTheFileWithoutFsync() throws Exception {
        CommitLog log = shard.open(config().withSyncPeriod(Duration.ofHours(1)));
        byte[] marker = payload(42, 100);
        long position = shard.await(() -> log.addDurable(ByteBuffer.wrap(marker), List.of(TABLE_A)));

        byte[] file = Files.readAllBytes(dir.resolve("CommitLog-2-0-1.log"));
        int start = CommitLogPosition.offset(position) - marker.length;
        assertThat(Arrays.copyOfRange(file, start, start + marker.length)).isEqualTo(marker);
        assertThat(shard.call(log::stats).syncs()).isZero();
        shard.await(log::shutdown);
    }

    @Test
    void inPeriodicModeAwaitingTheSyncWaitsForAnFsyncWithoutForcingOne() throws Exception {
        CommitLog log = shard.open(config().withSyncPeriod(Duration.ofHours(1)));
        shard.await(() -> log.addDurable(ByteBuffer.wrap(payload(1, 100)), List.of(TABLE_A)));
        CompletableFuture<Void> synced = shard.call(log::awaitSynced);
        assertThat(shard.call(log::stats).syncs()).isZero();
        assertThat(synced).as("durable is not synced in periodic mode").isNotDone();
        shard.await(log::shutdown); // syncs everything
        assertThat(synced).isCompleted();
    }

    @Test
    void theStatsArePublishedForOtherThreadsEverySecondWithTheTimeSyncsTook() throws Exception {
        CommitLog log = shard.open(config().withSyncMode(SyncMode.BATCH).withBatchWindow(Duration.ofMillis(1)));
        for (int i = 0; i < 3; i++) {
            byte[] entry = payload(i, 100);
            shard.await(() -> log.addDurable(ByteBuffer.wrap(entry), List.of(TABLE_A)));
        }
        CommitLogStats onShard = shard.call(log::stats);
        assertThat(onShard.syncs()).isPositive();
        assertThat(onShard.syncNanos()).isPositive();

        long deadline = System.nanoTime() + 5_000_000_000L; // read here, off the shard, as the metrics do
        while (log.publishedStats().entriesWritten() < 3 && System.nanoTime() < deadline) Thread.sleep(50);
        CommitLogStats published = log.publishedStats();
        assertThat(published.entriesWritten()).isEqualTo(3);
        assertThat(published.bytesWritten()).isEqualTo(onShard.bytesWritten());
        assertThat(published.segments()).isEqualTo(onShard.segments());
        shard.await(log::shutdown);
    }

    @Test
    void periodicWritesSurviveTheProcessDyingWithoutShutdown() throws Exception {
        CommitLog log = shard.open(config().withSyncPeriod(Duration.ofHours(1)));
        List<Long> positions = shard.addAll(log, payloads(50, 2000), List.of(TABLE_A));
        shard.await(() -> log.awaitDurable(positions.getLast()));
        shard.close(); // no shutdown: like kill -9, only what reached the files remains

        shard = new TestShard();
        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEqualTo(positions);
        assertThat(replayed.result().damages()).isEmpty();
    }

    @Test
    void batchModeAcknowledgesOnlyAfterOneFsyncCoveringTheWholeWindow() throws Exception {
        CommitLog log = shard.open(config().withSyncMode(SyncMode.BATCH).withBatchWindow(Duration.ofMillis(30)));
        List<Long> syncsSeenAtCompletion = Collections.synchronizedList(new ArrayList<>());
        boolean doneAtOnce = shard.call(() -> {
            List<CompletableFuture<Void>> durable = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long position = log.add(ByteBuffer.wrap(payload(i, 500)), List.of(TABLE_A)).join();
                durable.add(log.awaitDurable(position).thenRun(() -> syncsSeenAtCompletion.add(log.stats().syncs())));
            }
            return durable.stream().anyMatch(CompletableFuture::isDone);
        });

        assertThat(doneAtOnce).isFalse();
        assertThat(shard.eventually(() -> syncsSeenAtCompletion.size() == 10)).isTrue();
        assertThat(syncsSeenAtCompletion).containsOnly(1L);
        assertThat(shard.call(log::stats).syncs()).isEqualTo(1);
        shard.await(log::shutdown);
    }

    @Test
    void batchModeWithoutWindowSyncsAtOnce() throws Exception {
        CommitLog log = shard.open(config().withSyncMode(SyncMode.BATCH).withBatchWindow(Duration.ZERO));
        long syncsAtCompletion = shard.await(() -> {
            long position = log.add(ByteBuffer.wrap(payload(1, 100)), List.of(TABLE_A)).join();
            CompletableFuture<Void> durable = log.awaitDurable(position);
            if (durable.isDone()) return CompletableFuture.failedFuture(new AssertionError("durable before any sync"));
            return durable.thenApply(v -> log.stats().syncs());
        });

        assertThat(syncsAtCompletion).isEqualTo(1);
        shard.await(log::shutdown);
    }

    @Test
    void discardReleasesCleanSegmentsKeepsTwoForReuseAndDeletesTheRest() throws Exception {
        CommitLog log = shard.open(config());
        shard.addAll(log, payloads(40, 2000), List.of(TABLE_A));
        shard.addAll(log, List.of(payload(99, 100)), List.of(TABLE_B));
        shard.addAll(log, payloads(120, 2000), List.of(TABLE_A));
        long end = shard.call(log::currentPosition);
        assertThat(shard.call(log::stats).segments()).isGreaterThanOrEqualTo(5);

        shard.call(() -> { log.discardCompletedSegments(TABLE_A, end); return null; });
        assertThat(shard.eventually(() -> log.stats().segments() == 2)).isTrue(); // B's segment and the active one
        shard.call(() -> { log.discardCompletedSegments(TABLE_B, end); return null; });
        // the active segment, the prepared next one and two released files kept for reuse; the rest deleted
        assertThat(shard.eventually(() -> log.stats().segments() == 1 && log.stats().bytesOnDisk() == 4L * SEGMENT)).isTrue();
        assertThat(segmentFiles()).hasSize(4);
        shard.addAll(log, payloads(80, 2000), List.of(TABLE_A));
        assertThat(shard.call(log::stats).recycledSegments()).isPositive();
        shard.await(log::shutdown);
    }

    @Test
    void staleEntriesOfAReusedSegmentAreNotReplayed() throws Exception {
        CommitLog log = shard.open(config());
        List<Long> before = shard.addAll(log, payloads(120, 2000), List.of(TABLE_A));
        long end = shard.call(log::currentPosition);
        shard.call(() -> { log.discardCompletedSegments(TABLE_A, end); return null; });
        assertThat(shard.eventually(() -> log.stats().segments() == 1)).isTrue();
        long activeAtDiscard = CommitLogPosition.segmentId(end);

        List<Long> after = new ArrayList<>();
        while (shard.call(log::stats).recycledSegments() == 0 || CommitLogPosition.segmentId(after.getLast()) < activeAtDiscard + 2) {
            after.addAll(shard.addAll(log, payloads(3, 2000), List.of(TABLE_A)));
        }
        after.addAll(shard.addAll(log, payloads(2, 100), List.of(TABLE_A))); // a short life in a reused file
        shard.await(log::shutdown);

        List<Long> expected = new ArrayList<>(before.stream().filter(p -> CommitLogPosition.segmentId(p) >= activeAtDiscard).toList());
        expected.addAll(after);
        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.result().damages()).isEmpty();
        assertThat(replayed.positions()).isEqualTo(expected);
        assertThat(dir.resolve("CommitLog-2-0-1.log")).doesNotExist();
    }

    @Test
    void pressureListenerGetsTheTablesDirtyInTheOldestSegment() throws Exception {
        CommitLog log = shard.open(config().withTotalSpace(3L * SEGMENT));
        List<Set<UUID>> calls = Collections.synchronizedList(new ArrayList<>());
        shard.call(() -> { log.setPressureListener(calls::add); return null; });
        shard.addAll(log, List.of(payload(0, 100)), List.of(TABLE_B));
        shard.addAll(log, payloads(40, 2000), List.of(TABLE_A));
        assertThat(calls).isEmpty(); // two segments: under the limit

        shard.addAll(log, payloads(60, 2000), List.of(TABLE_A));
        assertThat(shard.eventually(() -> !calls.isEmpty())).isTrue();
        assertThat(calls.getFirst()).containsExactlyInAnyOrder(TABLE_A, TABLE_B);
        shard.await(log::shutdown);
    }

    @Test
    void aFailedWriteStopsTheLogAndTellsItsFailureListenerOnce() throws Exception {
        CommitLog log = shard.open(config().withSyncMode(CommitLogConfig.SyncMode.BATCH));
        long acknowledged = shard.await(() -> log.addDurable(ByteBuffer.wrap(payload(1, 100)), List.of(TABLE_A)));
        List<Throwable> told = Collections.synchronizedList(new ArrayList<>());
        shard.call(() -> {
            log.setFailureListener(told::add);
            log.io().setWriteObserver((offset, length) -> { throw new java.io.UncheckedIOException(new java.io.IOException("Input/output error")); });
            return null;
        });

        assertThatThrownBy(() -> shard.await(() -> log.addDurable(ByteBuffer.wrap(payload(2, 100)), List.of(TABLE_A))))
                .hasRootCauseMessage("Input/output error");
        assertThatThrownBy(() -> shard.await(() -> log.add(ByteBuffer.wrap(payload(3, 100)), List.of(TABLE_A))))
                .hasMessageContaining("the commit log failed");
        assertThat(told).singleElement().satisfies(e -> assertThat(e).hasRootCauseMessage("Input/output error"));
        assertThat(acknowledged).isPositive();
    }

    @Test
    void everyWriteRequestIsPageAlignedAndAtMost128KiB() throws Exception {
        CommitLog log = shard.open(config().withSegmentSize(1 << 20));
        List<long[]> requests = Collections.synchronizedList(new ArrayList<>());
        shard.call(() -> { log.io().setWriteObserver((offset, length) -> requests.add(new long[] {offset, length})); return null; });
        shard.addAll(log, payloads(50, 16_000), List.of(TABLE_A)); // 800 KB in one turn: one round of several requests
        for (int i = 0; i < 20; i++) shard.addAll(log, List.of(payload(i, 333)), List.of(TABLE_A)); // partial pages rewritten
        shard.addAll(log, payloads(30, 16_000), List.of(TABLE_A)); // into the next segment
        shard.await(log::shutdown);

        assertThat(requests).hasSizeGreaterThan(20);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r[0] % 4096).isZero();
            assertThat(r[1] % 4096).isZero();
            assertThat(r[1]).isBetween(4096L, 128L * 1024);
        });
        assertThat(requests).anyMatch(r -> r[1] == 128 * 1024);
        assertThat(shard.replay(dir).result().entriesReplayed()).isEqualTo(100);
    }

    @Test
    void aShutdownAfterEveryTableFlushedLeavesNothingToReplay() throws Exception {
        CommitLog log = shard.open(config());
        shard.addAll(log, payloads(10, 500), List.of(TABLE_A, TABLE_B));
        long end = shard.call(log::currentPosition);
        shard.call(() -> { log.discardCompletedSegments(TABLE_A, end); log.discardCompletedSegments(TABLE_B, end); return null; });
        shard.await(log::shutdown);

        assertThat(shard.replay(dir).result().entriesReplayed()).isZero();
    }

    @Test
    void aShutdownWithATableNotFlushedKeepsItsEntries() throws Exception {
        CommitLog log = shard.open(config());
        shard.addAll(log, payloads(10, 500), List.of(TABLE_A));
        shard.addAll(log, payloads(5, 500), List.of(TABLE_B));
        long end = shard.call(log::currentPosition);
        shard.call(() -> { log.discardCompletedSegments(TABLE_A, end); return null; });
        shard.await(log::shutdown);

        assertThat(shard.replay(dir).result().entriesReplayed()).isEqualTo(15);
    }

    @Test
    void addsAfterShutdownFail() throws Exception {
        CommitLog log = shard.open(config());
        shard.addAll(log, payloads(3, 100), List.of(TABLE_A));
        shard.await(log::shutdown);

        assertThatThrownBy(() -> shard.await(() -> log.add(ByteBuffer.wrap(payload(1, 10)), List.of(TABLE_A))))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(shard.replay(dir).result().entriesReplayed()).isEqualTo(3);
    }

    @Test
    void newSegmentsAreNumberedAboveThoseOnDisk() throws Exception {
        CommitLog first = shard.open(config());
        shard.addAll(first, payloads(3, 100), List.of(TABLE_A));
        shard.await(first::shutdown);

        CommitLog second = shard.open(config());
        long position = shard.addAll(second, List.of(payload(0, 100)), List.of(TABLE_A)).getFirst();
        assertThat(CommitLogPosition.segmentId(position)).isEqualTo(3); // 1 was used, 2 was prepared
        shard.await(second::shutdown);
    }

    @Test
    void methodsRefuseOtherThreads() throws Exception {
        CommitLog log = shard.open(config());
        assertThatThrownBy(() -> log.add(ByteBuffer.wrap(payload(0, 10)), List.of(TABLE_A)))
                .isInstanceOf(IllegalStateException.class);
        shard.await(log::shutdown);
    }

    private List<Path> segmentFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("CommitLog-")).toList();
        }
    }
}
