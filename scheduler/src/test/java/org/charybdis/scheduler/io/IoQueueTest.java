package org.charybdis.scheduler.io;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The IO queue inside a real runtime: real files, real IO threads, completions back on the calling shard. */
class IoQueueTest {
    @TempDir
    Path dir;

    private final List<ShardRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void tearDown() {
        runtimes.forEach(ShardRuntime::close);
    }

    @Test
    void workRunsOnAnIoThreadAndCompletesOnTheCallingShardInItsGroup() throws Exception {
        ShardRuntime runtime = start(ShardRuntimeConfig.defaults(2));
        SchedulingGroup compaction = runtime.group(ShardRuntime.COMPACTION);
        CompletableFuture<String> seen = new CompletableFuture<>();
        runtime.shard(1).execute(compaction, () -> Shard.current().io()
                .submit(IoClass.COMPACTION, 0, () -> Thread.currentThread().getName())
                .whenComplete((ranOn, error) -> seen.complete(ranOn.replaceAll("\\d+$", "N") + " then "
                        + Thread.currentThread().getName() + " in " + Shard.current().currentGroup().name())));

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("charybdis-io-N then shard-1 in compaction");
    }

    @Test
    void classesAddedAtRunTimeAreServedAndCountedAndUnknownOnesRefused() throws Exception {
        ShardRuntime runtime = start(ShardRuntimeConfig.defaults(1));
        IoQueue queue = runtime.shard(0).io();
        IoClass unknown = new IoClasses().register("elsewhere", 100);
        assertThatThrownBy(() -> queue.submit(unknown, 0, () -> null)).isInstanceOf(IllegalArgumentException.class);

        IoClass olap = runtime.createGroup("olap", 100).ioClass();
        assertThat(queue.submit(olap, 10, () -> "done").get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(queue.stats(olap).opsCompleted()).isEqualTo(1);
        assertThat(queue.stats(olap).bytesCompleted()).isEqualTo(10);
        assertThat(queue.stats(IoClass.QUERY).opsCompleted()).isZero();
    }

    @Test
    void requestsAreCountedByDirectionAndTheirPositionsTellSequentialFromRandom() throws Exception {
        ShardRuntime runtime = start(ShardRuntimeConfig.defaults(1));
        IoQueue io = runtime.shard(0).io();
        try (FileChannel channel = open("pattern")) {
            for (int i = 0; i < 4; i++) io.write(channel, ByteBuffer.allocate(8192), i * 8192L, IoClass.MEMTABLE_FLUSH).get(5, TimeUnit.SECONDS);
            io.submitWrite(IoClass.MEMTABLE_FLUSH, channel, 4 * 8192L, 4096, () -> null).get(5, TimeUnit.SECONDS); // a task's own write
            io.sync(channel, false, IoClass.MEMTABLE_FLUSH).get(5, TimeUnit.SECONDS);
            for (long at : new long[] {24576, 0, 16384, 8192}) io.read(channel, ByteBuffer.allocate(4096), at, IoClass.QUERY).get(5, TimeUnit.SECONDS);
        }

        IoQueue.DirectionStats flushWrites = io.stats(IoClass.MEMTABLE_FLUSH).writes();
        assertThat(flushWrites.ops()).isEqualTo(6); // the sync too
        assertThat(flushWrites.bytes()).isEqualTo(4 * 8192 + 4096);
        assertThat(flushWrites.sequential()).isEqualTo(4); // the first write follows nothing; the sync has no position
        assertThat(flushWrites.random()).isEqualTo(1);
        assertThat(io.stats(IoClass.MEMTABLE_FLUSH).reads().ops()).isZero();

        IoQueue.DirectionStats queryReads = io.stats(IoClass.QUERY).reads();
        assertThat(queryReads.ops()).isEqualTo(4);
        assertThat(queryReads.bytes()).isEqualTo(4 * 4096);
        assertThat(queryReads.sequential()).isZero(); // every read jumps at least a page away from where the last one ended
        assertThat(queryReads.random()).isEqualTo(4);
        assertThat(io.stats(IoClass.QUERY).writes().ops()).isZero();
    }

    @Test
    void offShardCallersCompleteOnTheIoThread() throws Exception {
        ShardRuntime runtime = start(ShardRuntimeConfig.defaults(1));

        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> io = runtime.shard(0).io().submit(IoClass.QUERY, 0, () -> {
            try {
                return release.await(5, TimeUnit.SECONDS); // so the continuation below is attached first
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
        });
        CompletableFuture<String> completion = io.thenApply(released -> released + " " + Thread.currentThread().getName());
        release.countDown();

        String completedOn = completion.get(5, TimeUnit.SECONDS);

        assertThat(completedOn).startsWith("true charybdis-io-");
    }

    @Test
    void writesSyncsAndReadsARealFile() throws Exception {
        ShardRuntime runtime = start(ShardRuntimeConfig.defaults(1));
        IoQueue io = runtime.shard(0).io();
        try (FileChannel channel = open("data")) {
            io.write(channel, utf8("hello, disk"), 0, IoClass.MEMTABLE_FLUSH).get(5, TimeUnit.SECONDS);
            io.write(channel, utf8("!"), 11, IoClass.MEMTABLE_FLUSH).get(5, TimeUnit.SECONDS);
            io.sync(channel, true, IoClass.MEMTABLE_FLUSH).get(5, TimeUnit.SECONDS);

            ByteBuffer whole = io.readFully(channel, ByteBuffer.allocate(12), 0, IoClass.QUERY).get(5, TimeUnit.SECONDS);
            int shortRead = io.read(channel, ByteBuffer.allocate(100), 7, IoClass.QUERY).get(5, TimeUnit.SECONDS);

            assertThat(StandardCharsets.UTF_8.decode(whole).toString()).isEqualTo("hello, disk!");
            assertThat(shortRead).isEqualTo(5);
        }
        assertThat(io.stats(IoClass.MEMTABLE_FLUSH).opsCompleted()).isEqualTo(3);
        assertThat(io.stats(IoClass.MEMTABLE_FLUSH).bytesCompleted()).isEqualTo(12);
        assertThat(io.stats(IoClass.QUERY).bytesCompleted()).isEqualTo(112); // declared sizes: 12 + 100
        assertThat(io.stats(IoClass.QUERY).inFlight()).isZero();
        assertThat(io.stats(IoClass.QUERY).queueLength()).isZero();
    }

    @Test
    void readFullyPastTheEndFailsWithEofException() throws Exception {
        ShardRuntime runtime = start(ShardRuntimeConfig.defaults(1));
        try (FileChannel channel = open("short")) {
            runtime.shard(0).io().write(channel, utf8("abc"), 0, IoClass.QUERY).get(5, TimeUnit.SECONDS);

            CompletableFuture<ByteBuffer> read = runtime.shard(0).io().readFully(channel, ByteBuffer.allocate(10), 0, IoClass.QUERY);

            assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(UncheckedIOException.class)
                    .cause().isInstanceOf(EOFException.class).hasMessageContaining("read 3 of 10 bytes");
        }
    }

    @Test
    void anIoExceptionReachesTheCallingShard() throws Exception {
        ShardRuntime runtime = start(ShardRuntimeConfig.defaults(2));
        SchedulingGroup statement = runtime.group(ShardRuntime.STATEMENT);
        CompletableFuture<String> seen = new CompletableFuture<>();
        runtime.shard(0).execute(statement, () -> Shard.current().io()
                .submit(IoClass.QUERY, 0, () -> { throw new IOException("no such file"); })
                .whenComplete((value, error) -> seen.complete(error.getClass().getSimpleName() + ":"
                        + error.getMessage() + " on " + Thread.currentThread().getName())));

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("IOException:no such file on shard-0");
    }

    @Test
    void theConfiguredCapacityReachesEveryShardsQueue() {
        IoCapacity capacity = new IoCapacity(1_000, 2_000_000, 3_000, 4_000_000);
        ShardRuntimeConfig config = ShardRuntimeConfig.defaults(2).withIoCapacity(capacity);
        ShardRuntime runtime = start(config.withStallThreshold(java.time.Duration.ofMillis(50)));

        assertThat(ShardRuntimeConfig.defaults(1).ioCapacity()).isEqualTo(IoCapacity.UNLIMITED);
        assertThat(runtime.shard(0).io().capacity()).isEqualTo(capacity);
        assertThat(runtime.shard(1).io().capacity()).isEqualTo(capacity);
        assertThat(runtime.shard(1).io().shardId()).isEqualTo(1);
    }

    @Test
    void aSmallCapacityThrottlesRealWrites() throws Exception {
        // 512 KiB at 2 MiB/s: a quarter of a second, less the burst and the last request, which goes on credit
        assertThat(timeWrites(2 * 1024 * 1024, 8, 64 * 1024)).isGreaterThanOrEqualTo(180);
    }

    @Test
    @Tag("slow")
    void fourMegabytesPerSecondMakesEightMegabytesTakeTwoSeconds() throws Exception {
        assertThat(timeWrites(4_000_000, 64, 128 * 1024)).isGreaterThanOrEqualTo(1_500);
    }

    @Test
    void shutdownFailsWaitingRequestsAndRefusesNewOnes() throws Exception {
        // one write per second: the first goes at once, the rest wait for the bucket
        ShardRuntime runtime = start(ShardRuntimeConfig.defaults(1)
                .withIoCapacity(new IoCapacity(Long.MAX_VALUE, Long.MAX_VALUE, 1, Long.MAX_VALUE)));
        IoQueue io = runtime.shard(0).io();
        CountDownLatch onShard = new CountDownLatch(1);
        List<CompletableFuture<Void>> fromShard = new ArrayList<>();
        runtime.shard(0).execute(runtime.group(ShardRuntime.COMMITLOG), () -> {
            for (int i = 0; i < 3; i++) fromShard.add(io.sync(null, false, IoClass.COMMITLOG));
            onShard.countDown();
        });
        assertThat(onShard.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> offShard = new ArrayList<>();
        for (int i = 0; i < 3; i++) offShard.add(io.submit(IoClass.COMPACTION, 0, () -> null));

        runtime.close();

        for (CompletableFuture<Void> waiting : offShard) {
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(IOException.class);
        }
        // the first sync ran (on a null channel, so it failed); the others never did
        for (CompletableFuture<Void> waiting : fromShard.subList(1, 3)) {
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(IOException.class).hasMessageContaining("shut down");
        }
        assertThatThrownBy(() -> io.submit(IoClass.QUERY, 0, () -> null).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(IOException.class);
    }

    /** Milliseconds to write {@code count} requests of {@code size} bytes with a write bandwidth of {@code bytesPerSec}. */
    private long timeWrites(long bytesPerSec, int count, int size) throws Exception {
        ShardRuntime runtime = start(ShardRuntimeConfig.defaults(1)
                .withIoCapacity(new IoCapacity(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, bytesPerSec)));
        IoQueue io = runtime.shard(0).io();
        try (FileChannel channel = open("paced")) {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                writes.add(io.write(channel, ByteBuffer.allocate(size), (long) i * size, IoClass.COMPACTION));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(channel.size()).isEqualTo((long) count * size);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    private ShardRuntime start(ShardRuntimeConfig config) {
        ShardRuntime runtime = ShardRuntime.start(config);
        runtimes.add(runtime);
        return runtime;
    }

    private FileChannel open(String name) throws IOException {
        return FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
