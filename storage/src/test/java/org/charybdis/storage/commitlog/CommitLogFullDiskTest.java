package org.charybdis.storage.commitlog;

import org.charybdis.storage.engine.WriteUnavailableException;
import org.charybdis.storage.file.TmpfsMount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.commitlog.TestShard.payload;

/**
 * The commit log on a disk that really fills up (a small tmpfs): it opens without room for a segment, refuses
 * writes at once with an error naming the directory while no segment can be prepared, leaves no partial segment
 * file, loses nothing it acknowledged, and takes writes again by itself once space is freed or a released
 * segment can be reused.
 */
class CommitLogFullDiskTest {
    private static final int SEGMENT = 256 * 1024;
    private static final UUID TABLE = new UUID(1, 1);

    @TempDir
    Path dir;
    private TmpfsMount disk;
    private Path logDirectory;
    private final TestShard shard = new TestShard();

    @BeforeEach
    void mount() {
        disk = TmpfsMount.mount(dir.resolve("fs"), 4L << 20);
        logDirectory = disk.path().resolve("commitlog");
    }

    @AfterEach
    void tearDown() {
        shard.close();
        if (disk != null) disk.close();
    }

    @Test
    void writesGoOnInThePreparedSegmentThenAreRefusedAtOnceAndResumeOnceSpaceIsFreed() throws Exception {
        CommitLog log = openWithNextSegmentReady();
        Path filler = disk.fill("filler", SEGMENT / 2); // no room for a third segment

        List<byte[]> acknowledged = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        CompletableFuture<Long> refused = null;
        for (int i = 0; refused == null; i++) {
            byte[] entry = payload(i, 2000);
            CompletableFuture<Long> added = shard.call(() -> log.add(ByteBuffer.wrap(entry), List.of(TABLE)));
            // an add may wait for the third segment's preparation (a loaded machine) and fail with it
            if (added.handle((position, error) -> error != null).get(10, TimeUnit.SECONDS)) {
                refused = added;
            } else {
                positions.add(added.join());
                acknowledged.add(entry);
            }
        }
        // both prepared segments took writes: the failure to prepare a third only showed once they were full
        assertThat(positions.stream().map(CommitLogPosition::segmentId).distinct().count()).isEqualTo(2);
        assertThat(refusal(refused)).isInstanceOf(WriteUnavailableException.class).hasMessage("Cannot write to the commit log: "
                + "no space left on device in " + logDirectory + " (a 256 KiB segment could not be prepared); writes resume once space is freed");
        assertThat(shard.call(() -> log.add(ByteBuffer.wrap(payload(0, 100)), List.of(TABLE))).isCompletedExceptionally())
                .as("refused at once, not queued").isTrue();
        assertThat(segmentSizes()).as("no partial segment file is left behind").containsOnly((long) SEGMENT).hasSize(2);

        Files.delete(filler);
        positions.add(addWhenPossible(log, payload(-1, 2000)));
        acknowledged.add(payload(-1, 2000));
        shard.await(log::shutdown);

        TestShard.Replayed replayed = shard.replay(logDirectory);
        assertThat(replayed.positions()).isEqualTo(positions);
        assertThat(replayed.payloads()).usingElementComparator(Arrays::compare).isEqualTo(acknowledged);
    }

    @Test
    void opensWithoutRoomForASegmentAndTakesWritesOnceThereIs() throws Exception {
        Files.createDirectories(logDirectory);
        Path filler = disk.fill("filler", SEGMENT / 4);
        CommitLog log = shard.open(config());

        CompletableFuture<Long> refused = shard.call(() -> log.add(ByteBuffer.wrap(payload(1, 100)), List.of(TABLE)));
        assertThat(refusal(refused)).isInstanceOf(WriteUnavailableException.class).hasMessageContaining("no space left on device in " + logDirectory);
        assertThat(shard.call(log::currentPosition)).isPositive();
        assertThat(segmentSizes()).isEmpty();

        Files.delete(filler);
        long position = addWhenPossible(log, payload(2, 100));
        shard.await(log::shutdown);
        assertThat(shard.replay(logDirectory).positions()).containsExactly(position);
    }

    @Test
    void aReleasedSegmentEndsTheOutageWithoutFreeingSpace() throws Exception {
        CommitLog log = openWithNextSegmentReady();
        disk.fill("filler", SEGMENT / 2);
        while (!shard.call(() -> log.add(ByteBuffer.wrap(payload(0, 2000)), List.of(TABLE))).isCompletedExceptionally()) {
            // fill both prepared segments
        }
        long end = shard.call(log::currentPosition);
        // what a flush does: the table is clean up to here, so the older full segment is released into the reuse pool
        shard.call(() -> {
            log.discardCompletedSegments(TABLE, end);
            return null;
        });
        long position = addWhenPossible(log, payload(3, 2000));
        assertThat(CommitLogPosition.segmentId(position)).isGreaterThan(CommitLogPosition.segmentId(end));
        assertThat(shard.call(log::stats).recycledSegments()).isPositive();
        shard.await(log::shutdown);
    }

    /** Opens the log and waits until the segment after the active one is zero-filled, before the test fills the disk. */
    private CommitLog openWithNextSegmentReady() throws Exception {
        CommitLog log = shard.open(config());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!segmentSizes().equals(List.of((long) SEGMENT, (long) SEGMENT))) {
            assertThat(System.nanoTime()).as("the next segment is prepared").isLessThan(deadline);
            Thread.sleep(5);
        }
        return log;
    }

    private CommitLogConfig config() {
        return CommitLogConfig.defaults(logDirectory).withSegmentSize(SEGMENT);
    }

    /** Adds the entry as soon as the log takes it (the background retry has to find room first); fails after 20 s. */
    private long addWhenPossible(CommitLog log, byte[] entry) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            CompletableFuture<Long> added = shard.call(() -> log.add(ByteBuffer.wrap(entry), List.of(TABLE)));
            if (!added.handle((position, error) -> error != null).get(10, TimeUnit.SECONDS)) return added.join();
            assertThat(System.nanoTime()).as("the commit log still refuses writes 20 s after space came back").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Throwable refusal(CompletableFuture<?> refused) {
        return refused.handle((value, error) -> error).join();
    }

    private List<Long> segmentSizes() throws Exception {
        try (Stream<Path> files = Files.list(logDirectory)) {
            List<Long> sizes = new ArrayList<>();
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("CommitLog-")).toList()) sizes.add(Files.size(f));
            return sizes;
        }
    }
}
