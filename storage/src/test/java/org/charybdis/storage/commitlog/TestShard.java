package org.charybdis.storage.commitlog;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A one-shard runtime for commit log tests: everything the log does runs on the shard's thread. */
final class TestShard implements AutoCloseable {
    private final ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1));
    final Shard shard = runtime.shard(0);
    private final SchedulingGroup statement = runtime.group(ShardRuntime.STATEMENT);

    /** Runs the task on the shard and returns its result. */
    <T> T call(Callable<T> task) throws Exception {
        return shard.submitTo(0, statement, task).get(10, TimeUnit.SECONDS);
    }

    /** Starts the task on the shard and waits for the future it returns. */
    <T> T await(Supplier<CompletableFuture<T>> task) throws Exception {
        return shard.submitToAsync(0, statement, task).get(10, TimeUnit.SECONDS);
    }

    /** Polls a condition on the shard until it holds (true) or five seconds pass (false). */
    boolean eventually(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!call(condition)) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(5);
        }
        return true;
    }

    CommitLog open(CommitLogConfig config) throws Exception {
        return CommitLog.open(config, 0, shard).get(10, TimeUnit.SECONDS);
    }

    /** Adds the payloads in one shard task (so they group into shared writes); returns their positions. */
    List<Long> addAll(CommitLog log, List<byte[]> payloads, Collection<java.util.UUID> tables) throws Exception {
        return await(() -> {
            List<CompletableFuture<Long>> added = new ArrayList<>();
            for (byte[] payload : payloads) added.add(log.add(ByteBuffer.wrap(payload), tables));
            return CompletableFuture.allOf(added.toArray(CompletableFuture<?>[]::new))
                    .thenApply(v -> added.stream().map(CompletableFuture::join).toList());
        });
    }

    Replayed replay(Path directory) throws Exception {
        List<Long> positions = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        ReplayResult result = await(() -> CommitLogReplayer.replay(directory, 0, shard.io(), (position, payload) -> {
            positions.add(position);
            byte[] copy = new byte[payload.remaining()];
            payload.get(copy);
            payloads.add(copy);
        }));
        return new Replayed(result, positions, payloads);
    }

    /** Distinct, recognizable payloads: entry i is filled with bytes derived from i. */
    static List<byte[]> payloads(int count, int size) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) payloads.add(payload(i, size));
        return payloads;
    }

    static byte[] payload(int i, int size) {
        byte[] bytes = new byte[size];
        for (int j = 0; j < size; j++) bytes[j] = (byte) (i * 31 + j * 7 + 1);
        return bytes;
    }

    @Override
    public void close() {
        runtime.close();
    }

    record Replayed(ReplayResult result, List<Long> positions, List<byte[]> payloads) { }

}
