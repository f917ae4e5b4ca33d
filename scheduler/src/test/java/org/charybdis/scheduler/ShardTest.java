package org.charybdis.scheduler;

import org.charybdis.scheduler.io.IoClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Task submission and cross-shard calls: where tasks run, where replies land, how failures travel. */
class ShardTest {
    private final ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2));
    private final SchedulingGroup statement = runtime.group(ShardRuntime.STATEMENT);
    private final SchedulingGroup compaction = runtime.group(ShardRuntime.COMPACTION);

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    @Test
    void executeRunsOnTheShardThreadInTheGivenGroup() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        runtime.shard(1).execute(compaction, () ->
                seen.complete(Shard.current().id() + " " + Thread.currentThread().getName() + " "
                        + Shard.current().currentGroup().name()));

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("1 shard-1 compaction");
        assertThat(Shard.current()).isNull();
    }

    @Test
    void submitToCompletesOnTheCallingShardInTheCallersGroup() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        runtime.shard(0).execute(compaction, () -> Shard.current()
                .submitTo(1, statement, () -> Shard.current().id())
                .whenComplete((value, error) -> seen.complete(value + " on " + Thread.currentThread().getName()
                        + " in " + Shard.current().currentGroup().name())));

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("1 on shard-0 in compaction");
    }

    @Test
    void offloadRunsOffTheReactorAndCompletesOnTheCallingShardInTheCallersGroup() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        Executor worker = task -> new Thread(task, "worker").start();
        runtime.shard(0).execute(compaction, () -> Shard.offload(worker, () -> Thread.currentThread().getName() + " " + Shard.current())
                .whenComplete((value, error) -> seen.complete(value + ", then " + Thread.currentThread().getName()
                        + " in " + Shard.current().currentGroup().name())));

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("worker null, then shard-0 in compaction");
    }

    @Test
    void offloadPropagatesTheWorksException() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        runtime.shard(1).execute(statement, () -> Shard.offload(Runnable::run, () -> { throw new IllegalStateException("boom"); })
                .whenComplete((value, error) -> seen.complete(error.getMessage() + " on " + Thread.currentThread().getName())));

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("boom on shard-1");
    }

    @Test
    void submitToPropagatesTheTasksExceptionToTheCallingShard() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        runtime.shard(0).execute(statement, () -> Shard.current()
                .submitTo(1, statement, () -> { throw new IllegalStateException("boom"); })
                .whenComplete((value, error) -> seen.complete(
                        error.getClass().getSimpleName() + ":" + error.getMessage() + " on " + Thread.currentThread().getName())));

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("IllegalStateException:boom on shard-0");
    }

    @Test
    void submitToFromOffShardCompletesOnTheTargetShard() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> call = runtime.shard(0).submitTo(1, statement, () -> {
            release.await();
            return 7;
        });
        CompletableFuture<String> completedOn = call.thenApply(value -> value + " " + Thread.currentThread().getName());
        release.countDown();

        assertThat(completedOn.get(5, TimeUnit.SECONDS)).isEqualTo("7 shard-1");
    }

    @Test
    void submitToTheCallingShardIsQueuedNotRunInline() throws Exception {
        CompletableFuture<Boolean> ranAfterSubmitReturned = new CompletableFuture<>();
        runtime.shard(0).execute(statement, () -> {
            AtomicBoolean submitted = new AtomicBoolean();
            Shard.current().submitTo(0, compaction, submitted::get).whenComplete((value, error) -> {
                assertThat(Thread.currentThread().getName()).isEqualTo("shard-0");
                ranAfterSubmitReturned.complete(value);
            });
            submitted.set(true);
        });

        assertThat(ranAfterSubmitReturned.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void submitToAsyncCompletesWhenTheTargetsStageDoesOnTheCallingShard() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        CompletableFuture<String> failed = new CompletableFuture<>();
        runtime.shard(0).execute(statement, () -> {
            Shard caller = Shard.current();
            caller.submitToAsync(1, statement, () -> {
                CompletableFuture<String> later = new CompletableFuture<>();
                Shard.current().schedule(statement, 10, TimeUnit.MILLISECONDS, () -> later.complete("late"));
                return later;
            }).whenComplete((value, error) -> seen.complete(value + " on " + Thread.currentThread().getName()));
            caller.submitToAsync(1, statement, () -> CompletableFuture.failedFuture(new ArithmeticException("bad")))
                    .whenComplete((value, error) -> failed.complete(error.getClass().getSimpleName()
                            + " on " + Thread.currentThread().getName()));
        });

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("late on shard-0");
        assertThat(failed.get(5, TimeUnit.SECONDS)).isEqualTo("ArithmeticException on shard-0");
    }

    @Test
    void manyCrossShardPingPongsAllComplete() throws Exception {
        int chains = 8;
        int roundTrips = 5_000;
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int chain = 0; chain < chains; chain++) {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            results.add(done);
            int from = chain % 2;
            runtime.shard(from).execute(statement, () -> pingPong(Shard.current(), 1 - from, roundTrips, 0, done));
        }

        for (CompletableFuture<Integer> result : results) assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(roundTrips);
    }

    @Test
    void tasksHandedOffFromManyThreadsAllRun() throws Exception {
        int producers = 4;
        int tasksEach = 25_000;
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch allRan = new CountDownLatch(producers * tasksEach);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < tasksEach; i++) {
                    runtime.shard(1).execute(statement, () -> {
                        ran.incrementAndGet();
                        allRan.countDown();
                    });
                }
            });
            threads.add(producer);
            producer.start();
        }
        for (Thread producer : threads) producer.join();

        assertThat(allRan.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isEqualTo(producers * tasksEach);
        // counters are published when the slice that ran the task ends
        Shard.GroupStats stats = runtime.shard(1).stats(statement);
        assertThat(Eventually.holds(() -> stats.tasksRun() >= producers * tasksEach)).isTrue();
        assertThat(stats.queueLength()).isZero();
    }

    @Test
    void statsCountQueuedTasks() throws Exception {
        CountDownLatch blocker = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        runtime.shard(0).execute(statement, () -> {
            blocking.countDown();
            try {
                blocker.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        blocking.await();
        for (int i = 0; i < 10; i++) runtime.shard(0).execute(compaction, () -> { });

        assertThat(runtime.shard(0).stats(compaction).queueLength()).isEqualTo(10);
        blocker.countDown();
    }

    @Test
    void groupsCreatedAtRunTimeExistOnEveryShard() throws Exception {
        SchedulingGroup olap = runtime.createGroup("olap", 200);
        CountDownLatch ran = new CountDownLatch(2);
        for (Shard shard : runtime.shards()) shard.execute(olap, ran::countDown);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runtime.group("olap")).isSameAs(olap);
        assertThat(runtime.groups()).extracting(SchedulingGroup::name).containsExactly(
                "statement", "memtable_flush", "compaction", "commitlog", "maintenance", "olap");
        assertThat(runtime.group("maintenance").shares()).isEqualTo(200);
        for (Shard shard : runtime.shards()) assertThat(Eventually.holds(() -> shard.stats(olap).tasksRun() == 1)).isTrue();
        assertThatThrownBy(() -> runtime.createGroup("olap", 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunTimeGroupHasItsOwnIoClassWhichItsTasksUse() throws Exception {
        SchedulingGroup olap = runtime.createGroup("sl:olap", 200);
        IoClass ioClass = olap.ioClass();
        assertThat(ioClass.label()).isEqualTo("sl:olap");
        assertThat(runtime.ioClasses()).contains(IoClass.QUERY, ioClass);
        for (Shard shard : runtime.shards()) assertThat(shard.io().shares(ioClass)).isEqualTo(200);
        assertThat(statement.ioClass()).isNull();

        CompletableFuture<IoClass> inOlap = new CompletableFuture<>();
        CompletableFuture<IoClass> inStatement = new CompletableFuture<>();
        runtime.shard(1).execute(olap, () -> inOlap.complete(IoClass.ofCurrentGroup(IoClass.QUERY)));
        runtime.shard(1).execute(statement, () -> inStatement.complete(IoClass.ofCurrentGroup(IoClass.QUERY)));
        assertThat(inOlap.get(5, TimeUnit.SECONDS)).isSameAs(ioClass);
        assertThat(inStatement.get(5, TimeUnit.SECONDS)).isSameAs(IoClass.QUERY);
        assertThat(IoClass.ofCurrentGroup(IoClass.QUERY)).isSameAs(IoClass.QUERY); // off-shard

        runtime.setShares(olap, 50);
        assertThat(olap.shares()).isEqualTo(50);
        for (Shard shard : runtime.shards()) assertThat(shard.io().shares(ioClass)).isEqualTo(50);
    }

    @Test
    void aRunTimeGroupCanBeRenamedForReuse() {
        SchedulingGroup olap = runtime.createGroup("sl:olap", 200);
        runtime.createGroup("sl:oltp", 1000);
        runtime.renameGroup(olap, "sl_deleted:olap");
        assertThat(runtime.group("sl:olap")).isNull();
        assertThat(runtime.group("sl_deleted:olap")).isSameAs(olap);
        assertThat(olap.ioClass().label()).isEqualTo("sl_deleted:olap");
        assertThatThrownBy(() -> runtime.renameGroup(olap, "sl:oltp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runtime.renameGroup(statement, "other")).isInstanceOf(IllegalArgumentException.class);
        SchedulingGroup again = runtime.createGroup("sl:olap", 10); // the old name is free again
        assertThat(again).isNotSameAs(olap);
    }

    @Test
    void aGroupOfAnotherRuntimeIsRefused() {
        try (ShardRuntime other = ShardRuntime.start(ShardRuntimeConfig.defaults(1))) {
            SchedulingGroup foreign = other.createGroup("foreign", 100);
            assertThatThrownBy(() -> runtime.shard(0).execute(foreign, () -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheShard() throws Exception {
        runtime.shard(0).execute(statement, () -> { throw new IllegalStateException("expected in test"); });
        CompletableFuture<Integer> after = runtime.shard(1).submitTo(0, statement, () -> 42);

        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(42);
        assertThatThrownBy(() -> runtime.shard(1).submitTo(0, statement, () -> { throw new Exception("checked"); })
                .get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("checked");
    }

    private static void pingPong(Shard self, int peer, int remaining, int value, CompletableFuture<Integer> done) {
        if (remaining == 0) {
            done.complete(value);
            return;
        }
        self.submitTo(peer, self.runtime().group(ShardRuntime.STATEMENT), () -> value + 1).whenComplete((next, error) -> {
            if (error != null) done.completeExceptionally(error);
            else if (Shard.current() != self) done.completeExceptionally(new AssertionError("reply on " + Shard.current()));
            else pingPong(self, peer, remaining - 1, next, done);
        });
    }

    @Test
    void busyTimeCountsTheTasksRunAndNotTheTimeParked() throws Exception {
        Shard shard = runtime.shard(1);
        long idleStart = shard.busyNanos();
        Thread.sleep(200); // nothing to do: the reactor parks
        long idleBusy = shard.busyNanos() - idleStart;
        assertThat(idleBusy).as("busy while idle").isLessThan(TimeUnit.MILLISECONDS.toNanos(100));

        long before = shard.busyNanos();
        shard.submitTo(1, statement, () -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150);
            while (System.nanoTime() < end) Thread.onSpinWait();
            return null;
        }).get(5, TimeUnit.SECONDS);
        assertThat(shard.busyNanos() - before).as("busy while a task spun").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(runtime.shard(0).busyNanos()).as("the other shard stayed mostly parked").isLessThan(shard.busyNanos());
    }
}
