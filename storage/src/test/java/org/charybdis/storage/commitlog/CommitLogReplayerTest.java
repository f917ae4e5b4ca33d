package org.charybdis.storage.commitlog;

import org.charybdis.storage.testing.FileDamage;
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
    void aTornTailAfterTheLastSyncIsNotDamageToDurableEntries() throws Exception {
        List<Long> positions = writeEntries(10, 1000);
        Path file = fileOf(positions.getLast());
        int lastStart = CommitLogPosition.offset(positions.get(8));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) { // also cuts the final sync marker
            channel.truncate(lastStart + CommitLogSegment.ENTRY_HEADER_SIZE + 10);
        }

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEqualTo(positions.subList(0, 9));
        assertThat(replayed.result().damages()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(file);
            assertThat(d.offset()).isEqualTo(lastStart);
            assertThat(d.reason()).contains("runs past the end");
            assertThat(d.synced()).isFalse();
        });
        assertThat(replayed.result().syncedDamages()).isEmpty();
    }

    @Test
    void aDamagedPayloadLosesOnlyItsEntryAndASyncMarkerAfterItShowsItWasDurable() throws Exception {
        List<Long> positions = writeEntries(10, 1000);
        int damagedStart = CommitLogPosition.offset(positions.get(4));
        FileDamage.flipBytes(fileOf(positions.getLast()), damagedStart + CommitLogSegment.ENTRY_HEADER_SIZE + 500, 1);

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEqualTo(without(positions, 6));
        assertThat(replayed.result().damages()).singleElement().satisfies(d -> {
            assertThat(d.offset()).isEqualTo(damagedStart);
            assertThat(d.resumedAt()).isEqualTo(CommitLogPosition.offset(positions.get(5)));
            assertThat(d.reason()).contains("payload checksum mismatch");
            assertThat(d.synced()).isTrue();
        });
    }

    @Test
    void afterADamagedHeaderReplayFindsTheNextIntactEntry() throws Exception {
        List<Long> positions = writeEntries(40, 700);
        int damagedStart = CommitLogPosition.offset(positions.get(19));
        Path file = fileOf(positions.getLast());
        FileDamage.flipBytes(file, damagedStart, 1); // the length's high byte: a huge or negative length
        FileDamage.flipBytes(file, CommitLogPosition.offset(positions.get(29)) + 3, 16); // across a length and its CRC

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEqualTo(without(without(positions, 31), 21));
        assertThat(replayed.result().damages()).hasSize(2).allSatisfy(d -> assertThat(d.synced()).isTrue());
        assertThat(replayed.result().damages().getFirst().reason()).contains("impossible entry length");
        assertThat(replayed.result().damages().getLast().offset()).isEqualTo(CommitLogPosition.offset(positions.get(29)));
    }

    @Test
    void damageAtTheEndOfASegmentIsDurableWhenALaterSegmentRecordsASync() throws Exception {
        List<Long> positions = writeEntries(150, 1500);
        long firstSegment = CommitLogPosition.segmentId(positions.getFirst());
        List<Long> inFirst = positions.stream().filter(p -> CommitLogPosition.segmentId(p) == firstSegment).toList();
        int damaged = inFirst.size() - 1;
        FileDamage.flipBytes(fileOf(positions.getFirst()), CommitLogPosition.offset(inFirst.get(damaged)) - 1, 1);

        TestShard.Replayed replayed = shard.replay(dir);
        List<Long> expected = without(positions, damaged + 1);
        assertThat(replayed.positions()).isEqualTo(expected);
        assertThat(replayed.result().damages()).singleElement().satisfies(d -> assertThat(d.synced()).isTrue());
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
        assertThat(replayed.result().damages()).singleElement().satisfies(d -> {
            assertThat(d.offset()).isEqualTo(CommitLogSegment.HEADER_SIZE);
            assertThat(d.resumedAt()).isEqualTo(SEGMENT);
            assertThat(d.reason()).contains("header checksum mismatch");
            assertThat(d.synced()).isFalse();
        });
    }

    @Test
    void aDamagedSegmentHeaderStillReplaysTheEntriesItsNameIdentifies() throws Exception {
        List<Long> positions = writeEntries(5, 1000);
        Path file = fileOf(positions.getFirst());
        FileDamage.flipBytes(file, 2, 1); // the magic

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEqualTo(positions);
        assertThat(replayed.result().damages()).singleElement().satisfies(d -> {
            assertThat(d.offset()).isZero();
            assertThat(d.resumedAt()).isEqualTo(CommitLogSegment.HEADER_SIZE);
            assertThat(d.reason()).contains("segment header: bad segment magic");
            assertThat(d.synced()).isTrue();
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
        assertThat(replayed.result().damages()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(SegmentFileName.of(0, 4).in(dir));
            assertThat(d.offset()).isZero();
            assertThat(d.reason()).contains("header names segment 9");
        });
    }

    @Test
    void segmentsOfTheFirstFormatStillReplay() throws Exception {
        ByteBuffer file = ByteBuffer.allocate(SEGMENT);
        new SegmentHeader(SegmentHeader.LEGACY_FORMAT_VERSION, 0, 4).writeTo(file);
        EntryChecksum checksum = new EntryChecksum();
        List<Long> positions = new ArrayList<>();
        for (byte[] payload : payloads(3, 100)) {
            file.putInt(payload.length).putInt(checksum.legacyEntry(4, ByteBuffer.wrap(payload))).put(payload);
            positions.add(CommitLogPosition.of(4, file.position()));
        }
        Files.write(dir.resolve("CommitLog-1-0-4.log"), file.array());

        TestShard.Replayed replayed = shard.replay(dir);
        assertThat(replayed.positions()).isEqualTo(positions);
        assertThat(replayed.payloads()).containsExactlyElementsOf(payloads(3, 100));
        assertThat(replayed.result().damages()).isEmpty();
    }

    @Test
    void segmentsOfANewerFormatFailTheReplay() throws Exception {
        Files.write(dir.resolve("CommitLog-3-0-1.log"), new byte[SEGMENT]);

        assertThatThrownBy(() -> shard.replay(dir))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("format version 3");
    }

    @Test
    void aDamagedSegmentIsMovedAsideInsteadOfDeleted() throws Exception {
        List<Long> positions = writeEntries(10, 1000);
        Path file = fileOf(positions.getLast());
        FileDamage.flipBytes(file, CommitLogPosition.offset(positions.get(4)) + CommitLogSegment.ENTRY_HEADER_SIZE + 10, 1);
        byte[] damagedBytes = Files.readAllBytes(file);
        TestShard.Replayed replayed = shard.replay(dir);

        shard.await(() -> replayed.result().deleteReplayed(shard.shard.io()));
        assertThat(file).doesNotExist();
        assertThat(dir.resolve(ReplayResult.DAMAGED_DIRECTORY).resolve(file.getFileName())).hasBinaryContent(damagedBytes);
        assertThat(shard.replay(dir).result().segmentFiles()).isEmpty();
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

    /** The positions without the n-th one (1-based). */
    private static List<Long> without(List<Long> positions, int n) {
        List<Long> rest = new ArrayList<>(positions);
        rest.remove(n - 1);
        return rest;
    }

    private void deleteAllBut(Path keep) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (!file.equals(keep)) Files.delete(file);
            }
        }
    }
}
