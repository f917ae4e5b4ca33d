package org.charybdis.storage.commitlog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentFileNameTest {
    @TempDir
    Path dir;

    @Test
    void formatsAndParsesTheName() {
        SegmentFileName name = SegmentFileName.of(2, 40);

        assertThat(name.fileName()).isEqualTo("CommitLog-2-2-40.log");
        assertThat(SegmentFileName.parse("CommitLog-2-2-40.log")).isEqualTo(name);
        assertThat(SegmentFileName.parse("CommitLog-1-2-40.log.tmp")).isNull();
        assertThat(SegmentFileName.parse("commitlog-1-2-40.log")).isNull();
    }

    @Test
    void listsOneShardsSegmentsByIdAndFindsTheHighest() throws Exception {
        for (String file : new String[] {"CommitLog-1-0-10.log", "CommitLog-1-0-9.log", "CommitLog-1-1-99.log", "other.txt"}) {
            Files.createFile(dir.resolve(file));
        }

        assertThat(SegmentFileName.list(dir, 0)).extracting(f -> f.name().segmentId()).containsExactly(9L, 10L);
        assertThat(SegmentFileName.highestSegmentId(dir, 0)).isEqualTo(10);
        assertThat(SegmentFileName.highestSegmentId(dir, 2)).isZero();
    }
}
