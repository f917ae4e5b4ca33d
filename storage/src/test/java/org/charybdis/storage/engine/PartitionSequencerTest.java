package org.charybdis.storage.engine;

import org.charybdis.storage.dht.DecoratedKey;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionSequencerTest {
    private final PartitionSequencer sequencer = new PartitionSequencer();
    private final UUID table = UUID.randomUUID();
    private final DecoratedKey a = DecoratedKey.of(ByteBuffer.wrap(new byte[] {1}));
    private final DecoratedKey b = DecoratedKey.of(ByteBuffer.wrap(new byte[] {2}));

    @Test
    void operationsOnOnePartitionWaitForTheRunningOne() {
        List<String> events = new ArrayList<>();
        CompletableFuture<Void> disk = new CompletableFuture<>();
        CompletableFuture<String> first = sequencer.run(table, a, () -> {
            events.add("first starts");
            return disk.thenApply(ignored -> "first");
        });
        CompletableFuture<String> second = sequencer.run(table, a, () -> {
            events.add("second starts");
            return CompletableFuture.completedFuture("second");
        });
        CompletableFuture<String> other = sequencer.run(table, b, () -> {
            events.add("other partition starts");
            return CompletableFuture.completedFuture("other");
        });
        assertThat(events).containsExactly("first starts", "other partition starts");
        assertThat(second).isNotDone();
        assertThat(other).isCompletedWithValue("other");

        disk.complete(null);
        assertThat(events).containsExactly("first starts", "other partition starts", "second starts");
        assertThat(first).isCompletedWithValue("first");
        assertThat(second).isCompletedWithValue("second");
        assertThat(sequencer.isIdle()).isTrue();
    }

    @Test
    void aFailingOperationReleasesThePartition() {
        CompletableFuture<Void> failed = sequencer.run(table, a, () -> {
            throw new IllegalStateException("boom");
        });
        assertThat(failed).isCompletedExceptionally();
        assertThat(sequencer.run(table, a, () -> CompletableFuture.completedFuture(1))).isCompletedWithValue(1);
        assertThat(sequencer.isIdle()).isTrue();
    }

    @Test
    void drainedWaitsForQueuedOperationsOnly() {
        assertThat(sequencer.drained(table, a)).isDone();
        CompletableFuture<Void> disk = new CompletableFuture<>();
        sequencer.run(table, a, () -> disk);
        CompletableFuture<Void> drained = sequencer.drained(table, a);
        assertThat(drained).isNotDone();
        assertThat(sequencer.drained(table, b)).isDone();
        disk.complete(null);
        assertThat(drained).isDone();
        assertThat(sequencer.isIdle()).isTrue();
    }

    @Test
    void manyQueuedOperationsThatFinishAtOnceDoNotRecurse() {
        CompletableFuture<Void> disk = new CompletableFuture<>();
        sequencer.run(table, a, () -> disk);
        int[] count = {0};
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            queued.add(sequencer.run(table, a, () -> CompletableFuture.completedFuture(++count[0])));
        }
        disk.complete(null);
        assertThat(count[0]).isEqualTo(100_000);
        assertThat(queued.getLast()).isCompletedWithValue(100_000);
    }
}
