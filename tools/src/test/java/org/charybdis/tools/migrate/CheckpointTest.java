package org.charybdis.tools.migrate;

import org.charybdis.tools.cql.TokenRanges;
import org.charybdis.tools.cql.TokenRanges.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What one run records, the next one reads: finished ranges, counter ranges left half done, the split count. */
class CheckpointTest {
    private final List<Range> ranges = TokenRanges.split(4);

    @Test
    void finishedRangesAreRememberedAcrossRuns(@TempDir Path dir) {
        Path file = dir.resolve("cp");
        Checkpoint first = Checkpoint.open(file, 4);
        first.markDone("ks.t", ranges.get(1), 10);
        first.markStarted("ks.c", ranges.get(2));

        Checkpoint second = Checkpoint.open(file, 4);
        assertThat(second.isDone("ks.t", ranges.get(1))).isTrue();
        assertThat(second.isDone("ks.t", ranges.get(0))).isFalse();
        assertThat(second.isDone("ks.other", ranges.get(1))).isFalse();
        assertThat(second.unfinished("ks.c")).contains(ranges.get(2));
        assertThat(second.touched("ks.c")).isTrue();
        assertThat(second.touched("ks.u")).isFalse();
    }

    @Test
    void aTornLastLineIsIgnored(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cp");
        Checkpoint.open(file, 4).markDone("ks.t", ranges.get(0), 3);
        Files.writeString(file, Files.readString(file) + "done 12", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);

        assertThat(Checkpoint.open(file, 4).isDone("ks.t", ranges.get(0))).isTrue();
    }

    @Test
    void anotherSplitCountOrAnotherFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cp");
        Checkpoint.open(file, 4);
        assertThatThrownBy(() -> Checkpoint.open(file, 8)).isInstanceOf(MigrationFailure.class)
                .hasMessageContaining("was written with --splits 4, this run has 8");

        Path other = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertThatThrownBy(() -> Checkpoint.open(other, 4)).hasMessageContaining("is not a checkpoint of charybdis migrate");
    }
}
