package org.charybdis.scheduler.io;

import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A shard reads what the page cache holds itself; everything else still goes to the IO threads. */
class PageCacheReadsTest {
    @TempDir
    Path dir;

    private ShardRuntime runtime;

    @AfterEach
    void tearDown() {
        if (runtime != null) runtime.close();
    }

    @Test
    void theShardReadsCachedBytesItselfAndCompletesAtOnce() throws Exception {
        assertThat(PageCacheReads.available()).as("preadv2 with RWF_NOWAIT on Linux").isEqualTo(System.getProperty("os.name").startsWith("Linux"));
        byte[] content = new byte[100_000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31);
        Path path = Files.write(dir.resolve("hot"), content); // just written: in the page cache
        runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1));
        IoQueue io = runtime.shard(0).io();
        try (ReadOnlyFile file = ReadOnlyFile.open(path)) {
            CompletableFuture<String> seen = new CompletableFuture<>();
            runtime.shard(0).execute(runtime.group(ShardRuntime.STATEMENT), () -> {
                CompletableFuture<ByteBuffer> read = io.readFully(file, ByteBuffer.allocate(5_000), 40_000, IoClass.QUERY);
                String when = (read.isDone() ? "done at once" : "pending") + " on " + Thread.currentThread().getName();
                ByteBuffer expected = ByteBuffer.wrap(java.util.Arrays.copyOfRange(content, 40_000, 45_000));
                read.whenComplete((bytes, error) -> seen.complete(expected.equals(bytes) ? when : "wrong bytes or " + error));
            });
            if (PageCacheReads.available()) {
                assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("done at once on shard-0");
                assertThat(io.stats(IoClass.QUERY).pageCacheReads()).isEqualTo(1);
                assertThat(io.stats(IoClass.QUERY).pageCacheBytes()).isEqualTo(5_000);
                assertThat(io.stats(IoClass.QUERY).opsCompleted()).as("no IO thread involved").isZero();
            }

            // off the shard, the IO threads read, as before
            ByteBuffer offShard = io.readFully(file, ByteBuffer.allocate(10), 0, IoClass.QUERY).get(5, TimeUnit.SECONDS);
            assertThat(offShard.get(1)).isEqualTo(content[1]);
            assertThat(io.stats(IoClass.QUERY).opsCompleted()).isEqualTo(PageCacheReads.available() ? 1 : 2);
            assertThat(io.stats(IoClass.QUERY).readOps()).as("every read, whoever answered it").isEqualTo(2);
            assertThat(io.stats(IoClass.MAINTENANCE).readOps()).isZero();
        }
    }

    @Test
    void aReadPastTheEndGoesToTheIoThreadsAndFailsThere() throws Exception {
        Path path = Files.write(dir.resolve("short"), new byte[] {1, 2, 3});
        runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1));
        IoQueue io = runtime.shard(0).io();
        try (ReadOnlyFile file = ReadOnlyFile.open(path)) {
            CompletableFuture<ByteBuffer> read = new CompletableFuture<>();
            runtime.shard(0).execute(runtime.group(ShardRuntime.STATEMENT), () -> io.readFully(file, ByteBuffer.allocate(10), 0, IoClass.QUERY).whenComplete((bytes, error) -> {
                if (error != null) read.completeExceptionally(error);
                else read.complete(bytes);
            }));
            assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(UncheckedIOException.class)
                    .cause().isInstanceOf(EOFException.class).hasMessageContaining("read 3 of 10 bytes");
            assertThat(io.stats(IoClass.QUERY).pageCacheReads()).isZero();
        }
    }

    @Test
    void readsLargerThanTheShardsBufferGoToTheIoThreads() throws Exception {
        Path path = Files.write(dir.resolve("large"), new byte[PageCacheReads.MAX_BYTES + 4096]);
        runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1));
        IoQueue io = runtime.shard(0).io();
        try (ReadOnlyFile file = ReadOnlyFile.open(path)) {
            CompletableFuture<ByteBuffer> read = new CompletableFuture<>();
            runtime.shard(0).execute(runtime.group(ShardRuntime.STATEMENT), () -> io.readFully(file, ByteBuffer.allocate(PageCacheReads.MAX_BYTES + 1), 0, IoClass.QUERY)
                    .whenComplete((bytes, error) -> {
                        if (error != null) read.completeExceptionally(error);
                        else read.complete(bytes);
                    }));
            assertThat(read.get(5, TimeUnit.SECONDS).remaining()).isEqualTo(PageCacheReads.MAX_BYTES + 1);
            assertThat(io.stats(IoClass.QUERY).opsCompleted()).isEqualTo(1);
            assertThat(io.stats(IoClass.QUERY).pageCacheReads()).isZero();
        }
    }
}
