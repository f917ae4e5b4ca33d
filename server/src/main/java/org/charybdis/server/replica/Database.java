package org.charybdis.server.replica;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.server.index.SecondaryIndexes;
import org.charybdis.server.view.MaterializedViews;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.ShardOf;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.StorageEngineFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The data of this node, split across shards. Each shard's {@link ShardStorage} is touched only by
 * that shard's thread; everyone else reaches it by sending work there ({@link #onShard}).
 */
public final class Database {
    private final ShardRuntime runtime;
    private final ShardOf sharding;
    private final ShardStorage[] shards;
    private final TableSizes sizes;
    private final SecondaryIndexes indexes;
    private final ShardHops hops;
    private final MaterializedViews views;

    public Database(ShardRuntime runtime, StorageEngineFactory engines) {
        this.runtime = runtime;
        this.sharding = ShardOf.withDefaultIgnoreMsb(runtime.shardCount());
        this.shards = new ShardStorage[runtime.shardCount()];
        this.indexes = new SecondaryIndexes(shards.length);
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new ShardStorage(i, engines);
            shards[i].derivedWrites(indexes.shard(i)); // every write to an indexed table carries its index entries
        }
        this.sizes = new TableSizes(shards.length);
        this.hops = new ShardHops(shards.length);
        this.views = new MaterializedViews(this);
        for (ShardStorage shard : shards) shard.forwardSender(views.forwardSender());
    }

    /** The materialized views of every shard, and the writes and builds that keep them in step with their base tables. */
    public MaterializedViews views() {
        return views;
    }

    /** Start-up, after the commitlog replay: see {@link MaterializedViews#start}. */
    public CompletableFuture<Void> startViews() {
        return views.start();
    }

    /** Starts each shard's periodic publication of its table sizes (system.size_estimates). */
    public void publishTableSizes(long periodSeconds) {
        sizes.start(runtime, shards, periodSeconds);
    }

    /** The secondary indexes of every shard. */
    public SecondaryIndexes indexes() {
        return indexes;
    }

    /** Start-up, after the commitlog replay: builds the indexes whose initial build has not finished yet. */
    public CompletableFuture<Void> startIndexBuilds() {
        return onAllShards(storage -> {
            indexes.shard(storage.shardId()).enableBuilds();
            return null;
        }).thenApply(ignored -> null);
    }

    /** How many partition operations each shard ran on itself, and how many it sent to another shard. */
    public ShardHops hops() {
        return hops;
    }

    /** Table sizes as last published by the shards. */
    public TableSizes sizes() {
        return sizes;
    }

    public ShardRuntime runtime() {
        return runtime;
    }

    public int shardCount() {
        return shards.length;
    }

    /** The shard owning a partition (ScyllaDB's biased-token-round-robin placement). */
    public int shardOf(DecoratedKey key) {
        return sharding.shard(key.token());
    }

    public int shardOf(long token) {
        return sharding.shard(token);
    }

    /**
     * Runs work against one shard's storage on that shard, in the caller's scheduling group (or
     * {@code statement} when called off-shard); the future completes on the calling shard.
     */
    public <T> CompletableFuture<T> onShard(int shard, Function<ShardStorage, T> work) {
        Shard caller = Shard.current();
        if (caller == null) {
            CompletableFuture<T> result = new CompletableFuture<>();
            runtime.shard(shard).execute(runtime.group(ShardRuntime.STATEMENT), () -> {
                try {
                    result.complete(work.apply(shards[shard]));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            return result;
        }
        return caller.submitTo(shard, callerGroup(caller), () -> work.apply(shards[shard]));
    }

    /**
     * Runs one partition's work (a read, a write, a transaction) on the shard owning it: the one place where a request
     * decides whether it hops. A shard-aware driver sends each request to a connection on the owner, so the owner is
     * the calling shard; {@link #hops()} counts how often it is and is not (off-shard callers are not counted).
     */
    public <T> CompletableFuture<T> onOwnerAsync(DecoratedKey key, Function<ShardStorage, ? extends CompletionStage<T>> work) {
        return onOwnerAsync(shardOf(key), work);
    }

    /** Like {@link #onOwnerAsync(DecoratedKey, Function)}, for partitions whose owner the caller already knows. */
    public <T> CompletableFuture<T> onOwnerAsync(int owner, Function<ShardStorage, ? extends CompletionStage<T>> work) {
        Shard caller = Shard.current();
        if (caller != null && caller.runtime() == runtime) hops.record(caller.id(), owner);
        return onShardAsync(owner, work);
    }

    /** Like {@link #onShard}, for work that itself completes later on that shard (disk reads, commitlog syncs). */
    public <T> CompletableFuture<T> onShardAsync(int shard, Function<ShardStorage, ? extends CompletionStage<T>> work) {
        Shard caller = Shard.current();
        return onShardAsync(shard, caller == null ? runtime.group(ShardRuntime.STATEMENT) : callerGroup(caller), work);
    }

    /**
     * Like {@link #onShardAsync(int, Function)}, in the named scheduling group whoever calls, e.g.
     * {@code maintenance} for operator requests (flush, compact, snapshot).
     */
    public <T> CompletableFuture<T> onShardAsync(int shard, String group, Function<ShardStorage, ? extends CompletionStage<T>> work) {
        SchedulingGroup named = runtime.group(group);
        if (named == null) throw new IllegalArgumentException("no scheduling group " + group);
        return onShardAsync(shard, named, work);
    }

    private <T> CompletableFuture<T> onShardAsync(int shard, SchedulingGroup group, Function<ShardStorage, ? extends CompletionStage<T>> work) {
        Shard caller = Shard.current();
        if (caller == null) {
            CompletableFuture<T> result = new CompletableFuture<>();
            runtime.shard(shard).execute(group, () -> {
                try {
                    work.apply(shards[shard]).whenComplete((value, failure) -> {
                        if (failure != null) result.completeExceptionally(failure);
                        else result.complete(value);
                    });
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            return result;
        }
        return caller.submitToAsync(shard, group, () -> work.apply(shards[shard]));
    }

    /** Runs work on every shard; completes when all have, with their answers in shard order. */
    public <T> CompletableFuture<List<T>> onAllShards(Function<ShardStorage, T> work) {
        return onAllShardsAsync(storage -> CompletableFuture.completedFuture(work.apply(storage)));
    }

    /** Runs asynchronous work on every shard; completes when all have, with their answers in shard order. */
    public <T> CompletableFuture<List<T>> onAllShardsAsync(Function<ShardStorage, ? extends CompletionStage<T>> work) {
        List<CompletableFuture<T>> parts = new ArrayList<>(shards.length);
        for (int i = 0; i < shards.length; i++) parts.add(onShardAsync(i, work));
        return allAnswers(parts);
    }

    /** Like {@link #onAllShardsAsync(Function)}, in the named scheduling group on every shard. */
    public <T> CompletableFuture<List<T>> onAllShardsAsync(String group, Function<ShardStorage, ? extends CompletionStage<T>> work) {
        List<CompletableFuture<T>> parts = new ArrayList<>(shards.length);
        for (int i = 0; i < shards.length; i++) parts.add(onShardAsync(i, group, work));
        return allAnswers(parts);
    }

    private static <T> CompletableFuture<List<T>> allAnswers(List<CompletableFuture<T>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<T> answers = new ArrayList<>(parts.size());
            for (CompletableFuture<T> part : parts) answers.add(part.join());
            return answers;
        });
    }

    /** The storage of the shard whose thread is calling; only valid on a shard thread. */
    public ShardStorage local() {
        Shard current = Shard.current();
        if (current == null) throw new IllegalStateException("not on a shard thread");
        return shards[current.id()];
    }

    private SchedulingGroup callerGroup(Shard caller) {
        SchedulingGroup group = caller.currentGroup();
        return group != null ? group : runtime.group(ShardRuntime.STATEMENT);
    }

    /** Closes every shard's storage on its own thread (engines own files and memory there). */
    public CompletableFuture<List<Void>> close() {
        return onAllShards(storage -> {
            storage.close();
            return null;
        });
    }
}
