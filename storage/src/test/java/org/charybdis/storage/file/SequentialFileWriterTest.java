package org.charybdis.storage.file;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.sstable.OnShard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequentialFileWriterTest {
    private static OnShard shard;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() { shard = new OnShard(); }

    @AfterAll
    static void stop() { shard.close(); }

    @Test
    void writesEveryByteInOrderAndTrimsToTheRealLength() throws Exception {
        Path path = directory.resolve("f");
        byte[] content = new byte[3 * SequentialFileWriter.WRITE_SIZE + 12345];
        new Random(1).nextBytes(content);
        shard.call(() -> SequentialFileWriter.create(path, shard.io(), IoClass.COMPACTION).thenCompose(out -> writeInPieces(out, content, 0)));
        assertThat(Files.size(path)).as("trimmed after the padded, aligned tail write").isEqualTo(content.length);
        assertThat(Arrays.equals(Files.readAllBytes(path), content)).isTrue();
    }

    private static CompletableFuture<Void> writeInPieces(SequentialFileWriter out, byte[] content, int from) {
        int at = from;
        while (at < content.length) {
            int n = Math.min(7777, content.length - at);
            out.write(content, at, n);
            at += n;
            if (out.mustWait()) {
                int next = at;
                return out.whenWritable().thenCompose(v -> writeInPieces(out, content, next));
            }
        }
        return out.finish();
    }

    @Test
    void abortDeletesTheFileAndAFinishedWriterRefusesMoreBytes() {
        Path path = directory.resolve("g");
        SequentialFileWriter out = shard.call(() -> SequentialFileWriter.create(path, shard.io(), IoClass.COMPACTION));
        shard.call(() -> {
            out.write(new byte[1000]);
            return out.abort();
        });
        assertThat(path).doesNotExist();
        assertThatThrownBy(() -> shard.get(() -> { out.write(new byte[1]); return null; })).isInstanceOf(IllegalStateException.class);
    }
}
