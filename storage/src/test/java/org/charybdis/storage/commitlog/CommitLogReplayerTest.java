package org.charybdis.storage.commitlog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.storage.commitlog.TestShard.payloads;

/** Replay of damaged, stale, blank and foreign segment files. */
class CommitLogReplayerTest {
    private static final int SEGMENT = 64 * 1024;
    private static final List<UUID> TABLES = List.of(new UUID(1, 1));

    @TempDir
    Path dir;
    private final TestShard shard = new TestShard();

    @AfterEach
    void tearDown() {
        shard.close();
    }

    @Test
    void truncatedLastEntryEndsTheSegmentAndIsReported() throws Exception {
        List<Long> positions = writeEntries(10, 1000);
        Path file = fileOf(positions.getLast());
        int lastStart = CommitLogPosition.offset(positions.get(8));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(lastStart + CommitLogSegment.ENTRY_HEADER_SIZE + 10);
        }

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEqualTo(positions.subList(0, 9));
        assertThat(replayed.result().corruptions()).singleElement().satisfies(c -> {
            assertThat(c.file()).isEqualTo(file);
            assertThat(c.offset()).isEqualTo(lastStart);
            assertThat(c.entriesReplayedFromFile()).isEqualTo(9);
            assertThat(c.reason()).contains("runs past the end");
        });
    }

    @Test
    void flippedBytesInTheLastEntryFailItsChecksum() throws Exception {
        List<Long> positions = writeEntries(10, 1000);
        Path file = fileOf(positions.getLast());
        int lastStart = CommitLogPosition.offset(positions.get(8));
        flipByte(file, lastStart + CommitLogSegment.ENTRY_HEADER_SIZE + 500);

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEqualTo(positions.subList(0, 9));
        assertThat(replayed.result().corruptions()).singleElement().satisfies(c -> {
            assertThat(c.offset()).isEqualTo(lastStart);
            assertThat(c.reason()).contains("checksum mismatch");
        });
    }

    @Test
    void impossibleLengthIsReported() throws Exception {
        List<Long> positions = writeEntries(5, 1000);
        Path file = fileOf(positions.getLast());
        int lastStart = CommitLogPosition.offset(positions.get(3));
        flipByte(file, lastStart); // the length's high byte: a huge or negative length

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEqualTo(positions.subList(0, 4));
        assertThat(replayed.result().corruptions()).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("impossible entry length"));
    }

    @Test
    void damageInOneSegmentDoesNotStopTheNextOnes() throws Exception {
        List<Long> positions = writeEntries(150, 1500);
        long firstSegment = CommitLogPosition.segmentId(positions.getFirst());
        List<Long> inFirst = positions.stream().filter(p -> CommitLogPosition.segmentId(p) == firstSegment).toList();
        int damaged = inFirst.size() / 2;
        flipByte(fileOf(positions.getFirst()), CommitLogPosition.offset(inFirst.get(damaged)) - 1);

        TestShard.Replayed replayed = shard.replay(dir);
        List<Long> expected = new ArrayList<>(inFirst.subList(0, damaged));
        expected.addAll(positions.subList(inFirst.size(), positions.size()));
        assertThat(replayed.positions()).isEqualTo(expected);
        assertThat(replayed.result().corruptions()).hasSize(1);
        assertThat(replayed.result().entriesReplayed()).isEqualTo(expected.size());
    }

    @Test
    void entriesWrittenUnderAnotherSegmentIdAreStaleAndNotReplayed() throws Exception {
        List<Long> positions = writeEntries(3, 1000);
        Path original = fileOf(positions.getFirst());
        // the file as a reused segment 7 would look after its new header, had the end marker been lost
        Path reused = SegmentFileName.of(0, 7).in(dir);
        Files.move(original, reused);
        ByteBuffer header = ByteBuffer.allocate(SegmentHeader.SIZE);
        SegmentHeader.current(0, 7).writeTo(header);
        try (FileChannel channel = FileChannel.open(reused, StandardOpenOption.WRITE)) {
            channel.write(header.flip(), 0);
        }
        deleteAllBut(reused);

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEmpty();
        assertThat(replayed.result().corruptions()).singleElement().satisfies(c -> {
            assertThat(c.offset()).isEqualTo(CommitLogSegment.HEADER_SIZE);
            assertThat(c.reason()).contains("checksum mismatch");
        });
    }

    @Test
    void blankFilesReplayNothingQuietlyAndMismatchedHeadersAreReported() throws Exception {
        Files.write(SegmentFileName.of(0, 3).in(dir), new byte[SEGMENT]);
        ByteBuffer header = ByteBuffer.allocate(SEGMENT);
        SegmentHeader.current(0, 9).writeTo(header);
        Files.write(SegmentFileName.of(0, 4).in(dir), header.array());
        Files.write(SegmentFileName.of(0, 5).in(dir), new byte[0]); // creation interrupted by a crash
        Files.write(SegmentFileName.of(1, 6).in(dir), new byte[10]); // another shard's: not ours to read

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEmpty();
        assertThat(replayed.result().segmentFiles())
                .containsExactly(SegmentFileName.of(0, 3).in(dir), SegmentFileName.of(0, 4).in(dir), SegmentFileName.of(0, 5).in(dir));
        assertThat(replayed.result().corruptions()).singleElement().satisfies(c -> {
            assertThat(c.file()).isEqualTo(SegmentFileName.of(0, 4).in(dir));
            assertThat(c.offset()).isZero();
            assertThat(c.reason()).contains("header names segment 9");
        });
    }

    @Test
    void segmentsOfANewerFormatFailTheReplay() throws Exception {
        Files.write(dir.resolve("CommitLog-2-0-1.log"), new byte[SEGMENT]);

        assertThatThrownBy(() -> shard.replay(dir))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("format version 2");
    }

    @Test
    void deleteReplayedRemovesTheReplayedFiles() throws Exception {
        writeEntries(60, 2000);
        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.result().segmentFiles()).hasSizeGreaterThanOrEqualTo(2);

        shard.await(() -> replayed.result().deleteReplayed(shard.shard.io()));
        assertThat(replayed.result().segmentFiles()).allSatisfy(f -> assertThat(f).doesNotExist());
        assertThat(shard.replay(dir).result().segmentFiles()).isEmpty();
    }

    @Test
    void aMissingDirectoryReplaysNothing() throws Exception {
        TestShard.Replayed replayed = shard.replay(dir.resolve("absent"));
        assertThat(replayed.result().entriesReplayed()).isZero();
        assertThat(replayed.result().segmentFiles()).isEmpty();
        assertThat(replayed.result().lastPosition()).isEqualTo(CommitLogPosition.NONE);
    }

    private List<Long> writeEntries(int count, int size) throws Exception {
        CommitLog log = shard.open(CommitLogConfig.defaults(dir).withSegmentSize(SEGMENT));
        List<Long> positions = shard.addAll(log, payloads(count, size), TABLES);
        shard.await(log::shutdown);
        return positions;
    }

    private Path fileOf(long position) {
        return SegmentFileName.of(0, CommitLogPosition.segmentId(position)).in(dir);
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0xFF)).rewind();
            channel.write(one, offset);
        }
    }

    private void deleteAllBut(Path keep) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (!file.equals(keep)) Files.delete(file);
            }
        }
    }
}
