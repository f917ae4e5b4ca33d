package org.charybdis.storage.engine;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A loop whose steps complete at once runs to its end, and on a shard it yields to other groups' tasks as it goes. */
class AsyncLoopTest {
    private final ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1));

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    @Test
    void aLongSynchronousLoopOffShardRunsToItsEnd() {
        AtomicInteger steps = new AtomicInteger();
        AsyncLoop.until(() -> CompletableFuture.completedFuture(steps.incrementAndGet() == 100_000)).join();
        assertThat(steps).hasValue(100_000);
    }

    @Test
    void aLongLoopOnAShardLetsAnotherGroupsTaskRunBeforeItEnds() throws Exception {
        Shard shard = runtime.shard(0);
        SchedulingGroup compaction = runtime.group(ShardRuntime.COMPACTION);
        SchedulingGroup statement = runtime.group(ShardRuntime.STATEMENT);
        long loopNanos = TimeUnit.MILLISECONDS.toNanos(200);
        AtomicLong loopEnded = new AtomicLong();
        AtomicLong otherRan = new AtomicLong();
        CompletableFuture<Void> loop = new CompletableFuture<>();
        shard.execute(compaction, () -> {
            long start = System.nanoTime();
            // the interactive task is queued while the loop runs; without yielding it would wait for the loop's end
            shard.execute(statement, () -> otherRan.set(System.nanoTime()));
            AsyncLoop.until(() -> CompletableFuture.completedFuture(System.nanoTime() - start > loopNanos)).whenComplete((v, e) -> {
                loopEnded.set(System.nanoTime());
                if (e != null) loop.completeExceptionally(e);
                else loop.complete(null);
            });
        });
        loop.get(10, TimeUnit.SECONDS);
        assertThat(otherRan.get()).isNotZero();
        assertThat(otherRan.get()).as("the other group's task ran before the loop ended").isLessThan(loopEnded.get());
    }
}
