package org.charybdis.storage.engine;

import org.charybdis.storage.data.PartitionUpdate;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a shard makes writes durable before acknowledging them: the LSM engine's commitlog, or nothing for
 * engines that keep no log. One per shard, used only on the shard's thread.
 */
public interface WriteLog {
    /** No log: writes are applied at once and never replayed. */
    WriteLog NONE = new WriteLog() {
        @Override
        public CompletableFuture<Long> append(List<TableEngine> engines, List<PartitionUpdate> updates, List<ForwardedUpdate> forwarded) {
            return CompletableFuture.completedFuture(TableEngine.NO_COMMITLOG_POSITION);
        }

        @Override
        public CompletableFuture<Void> awaitDurable(long position) {
            return CompletableFuture.completedFuture(null);
        }
    };

    /**
     * Records one shard's share of a mutation ({@code updates.get(i)} for {@code engines.get(i)}) as one entry,
     * so replay applies all of it or none. Completes, in append order, with the entry's position once it is
     * in the log; the caller then applies the updates with that position before doing anything else.
     * Fails when the entry is larger than the log accepts.
     */
    default CompletableFuture<Long> append(List<TableEngine> engines, List<PartitionUpdate> updates) {
        return append(engines, updates, List.of());
    }

    /** Like {@link #append(List, List)}, with updates other shards apply recorded in the same entry. */
    CompletableFuture<Long> append(List<TableEngine> engines, List<PartitionUpdate> updates, List<ForwardedUpdate> forwarded);

    /**
     * The forwarded updates the last replay found, once (then forgotten): the caller sends them to their owners again,
     * then says so with {@link #replayedForwardsSynced}; the replayed entries are kept until then.
     */
    default List<ForwardedUpdate> takeReplayedForwards() {
        return List.of();
    }

    /** The forwarded updates {@link #takeReplayedForwards} handed out are fsynced on their owners. */
    default void replayedForwardsSynced() {
    }

    /**
     * The forwarded updates of the entry at this position are fsynced on their owners: until this is called, the entry
     * is kept even once every table it wrote is flushed, so a crash before their owners logged them replays them.
     */
    default void forwardsSynced(long position) {
    }

    /** Completes when the entry at this position is as durable as the configured sync mode promises. */
    CompletableFuture<Void> awaitDurable(long position);

    /** Completes once everything logged so far is fsynced, whatever the sync mode (without forcing a sync). */
    default CompletableFuture<Void> awaitSynced() {
        return CompletableFuture.completedFuture(null);
    }

    /** Writes and syncs everything logged so far, then stops accepting entries (drain, shutdown). */
    default CompletableFuture<Void> drain() {
        return CompletableFuture.completedFuture(null);
    }
}
