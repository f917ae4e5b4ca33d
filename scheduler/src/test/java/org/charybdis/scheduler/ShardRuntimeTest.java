package org.charybdis.scheduler;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting and stopping the runtime: threads, built-in groups, transports, shutdown of pending work. */
class ShardRuntimeTest {
    @Test
    void startsOneNamedReactorThreadPerShardAndCloseEndsThem() throws Exception {
        ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(3));
        List<Thread> threads = reactorThreads(runtime);

        assertThat(runtime.shardCount()).isEqualTo(3);
        assertThat(threads).extracting(Thread::getName).containsExactly("shard-0", "shard-1", "shard-2");
        assertThat(runtime.transportName()).isIn("io_uring", "epoll", "nio");
        runtime.close();

        assertThat(threads).noneMatch(Thread::isAlive);
        runtime.close(); // idempotent
        assertThat(runtime.eventLoopGroup().isTerminated()).isTrue();
        assertThat(runtime.shard(0).eventLoop().isTerminated()).isTrue();
    }

    @Test
    void hasTheBuiltInGroupsWithTheirShares() {
        try (ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1))) {
            assertThat(runtime.groups()).extracting(SchedulingGroup::toString).containsExactly(
                    "statement(1000)", "memtable_flush(1000)", "compaction(1000)", "commitlog(1000)", "maintenance(200)");
            assertThat(runtime.group("no such group")).isNull();
        }
    }

    @Test
    void workAfterCloseIsRefusedAndQueuedWorkFailsItsWaiters() throws Exception {
        ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2));
        SchedulingGroup statement = runtime.group(ShardRuntime.STATEMENT);
        CountDownLatch blocking = new CountDownLatch(1);
        runtime.shard(1).execute(statement, () -> {
            blocking.countDown();
            sleep(30); // longer than a quota: the reactor sees the stop request before the next task
        });
        blocking.await();
        CompletableFuture<Integer> queued = runtime.shard(0).submitTo(1, statement, () -> 1);
        ScheduledFuture<?> timer = runtime.shard(1).schedule(statement, 1, TimeUnit.HOURS, () -> { });
        runtime.close();

        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RejectedExecutionException.class);
        assertThat(timer.isDone()).isFalse(); // the Netty loop dropped its timer wheel; it never fires
        assertThatThrownBy(() -> runtime.shard(0).execute(statement, () -> { }))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> runtime.shard(0).submitTo(1, statement, () -> 1).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void closeCalledOnAShardThreadFinishesInTheBackground() throws Exception {
        ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2));
        List<Thread> threads = reactorThreads(runtime);
        runtime.shard(1).execute(runtime.group(ShardRuntime.MAINTENANCE), runtime::close);

        assertThat(runtime.eventLoopGroup().awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Eventually.holds(() -> threads.stream().noneMatch(Thread::isAlive))).isTrue();
    }

    @Test
    void shuttingTheEventLoopGroupDownClosesTheRuntime() throws Exception {
        ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1));
        List<Thread> threads = reactorThreads(runtime);

        assertThat(runtime.eventLoopGroup().shutdownGracefully().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runtime.eventLoopGroup().isShuttingDown()).isTrue();
        assertThat(threads.getFirst().isAlive()).isFalse();
    }

    @Test
    void aTransportThatFailsToStartFallsBackToTheNextOne() {
        NettyTransport broken = new NettyTransport("broken", () -> {
            throw new UnsatisfiedLinkError("expected in test: no such native library");
        }, NettyTransport.NIO.serverChannelClass(), NettyTransport.NIO.socketChannelClass());

        try (ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2), List.of(broken, NettyTransport.NIO))) {
            assertThat(runtime.transportName()).isEqualTo("nio");
            assertThat(runtime.shard(1).submitTo(0, runtime.group(ShardRuntime.STATEMENT), () -> 5)).succeedsWithin(
                    Duration.ofSeconds(5)).isEqualTo(5);
        }
        assertThatThrownBy(() -> ShardRuntime.start(ShardRuntimeConfig.defaults(1), List.of(broken)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no IO transport");
    }

    @Test
    void aTransportFailingOnItsSecondShardReleasesTheFirstAndFallsBack() {
        AtomicInteger handlers = new AtomicInteger();
        NettyTransport failsOnSecond = new NettyTransport("fails-on-second", () -> {
            if (handlers.incrementAndGet() > 1) throw new IllegalStateException("expected in test: out of rings");
            return NettyTransport.NIO.handlerFactory().get();
        }, NettyTransport.NIO.serverChannelClass(), NettyTransport.NIO.socketChannelClass());

        try (ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2), List.of(failsOnSecond, NettyTransport.NIO))) {
            assertThat(runtime.transportName()).isEqualTo("nio");
        }
        assertThat(handlers.get()).isEqualTo(2);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("shard-"));
    }

    @Test
    void rejectsNonsenseConfiguration() {
        assertThatThrownBy(() -> ShardRuntimeConfig.defaults(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardRuntimeConfig.defaults(1).withStallThreshold(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Thread> reactorThreads(ShardRuntime runtime) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (Shard shard : runtime.shards()) {
            CompletableFuture<Thread> thread = new CompletableFuture<>();
            shard.execute(runtime.group(ShardRuntime.STATEMENT), () -> thread.complete(Thread.currentThread()));
            threads.add(thread.get(5, TimeUnit.SECONDS));
        }
        return threads;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
