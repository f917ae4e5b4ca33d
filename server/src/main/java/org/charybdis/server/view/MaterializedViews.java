package org.charybdis.server.view;

import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.system.ViewBuildsInProgress;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.ForwardSender;
import org.charybdis.storage.engine.ForwardedUpdate;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The materialized views of this node: per shard, how each base table's views see its rows ({@link ShardViews}); the
 * writes that keep views in step with their base ({@link ViewWrites}); and the builds that fill a new view from the rows
 * its base already holds ({@link ViewBuilder}), with their status for {@code system.built_views}.
 */
public final class MaterializedViews {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MaterializedViews.class);
    private final Database database;
    private final ShardViews[] shards;
    /** Per shard (touched only by its thread), the views created by the last schema change, to build once every shard has them. */
    private final List<List<UUID>> pendingBuilds = new ArrayList<>();
    private final ViewWrites writes;
    /** Views whose build has finished on every shard (or that existed when the node started). */
    private final Set<UUID> built = ConcurrentHashMap.newKeySet();
    /** Per view being built, how many shards have finished. */
    private final ConcurrentHashMap<UUID, Integer> shardsBuilt = new ConcurrentHashMap<>();
    private volatile boolean buildsEnabled;
    /** Where builds are recorded until they finish; null until the server sets it (then builds are not recorded). */
    private volatile ViewBuildsInProgress progress;

    public MaterializedViews(Database database) {
        this.database = database;
        this.shards = new ShardViews[database.shardCount()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new ShardViews();
            pendingBuilds.add(new ArrayList<>());
        }
        this.writes = new ViewWrites(database, this);
    }

    /** How every shard's storage sends the view updates it logged for other shards (see {@link ShardStorage#forwardSender}). */
    public ForwardSender forwardSender() {
        return writes::sendToOwners;
    }

    ShardViews shard(int shardId) {
        return shards[shardId];
    }

    /** Sets where builds are recorded while they run ({@code system.view_builds_in_progress}); before {@link #start}. */
    public void recordBuildsIn(ViewBuildsInProgress progress) {
        this.progress = progress;
    }

    /**
     * Makes one shard's views match the schema, on that shard. Views created while the node serves are built from the
     * rows their base holds ({@link #startBuilds}, once every shard has their tables); those the node starts with were
     * built before, unless {@code system.view_builds_in_progress} says a stop interrupted their build ({@link #start}).
     */
    public void sync(ShardStorage storage, Schema previous, Schema next) {
        shards[storage.shardId()].sync(next);
        for (var ks : next.keyspaces().values()) {
            for (TableMetadata view : ks.tables().values()) {
                if (!view.isView() || previous.table(ks.name(), view.name()) != null && previous.table(ks.name(), view.name()).id().equals(view.id())) continue;
                if (!buildsEnabled) {
                    built.add(view.id());
                } else {
                    pendingBuilds.get(storage.shardId()).add(view.id());
                }
            }
        }
        if (storage.shardId() == 0 && buildsEnabled) forgetDroppedBuilds(previous, next);
    }

    /** Dropped views have no build in progress any more (once: shard 0 does it; a row that was not there costs a tombstone). */
    private void forgetDroppedBuilds(Schema previous, Schema next) {
        ViewBuildsInProgress recorder = progress;
        if (recorder == null) return;
        for (var ks : previous.keyspaces().values()) {
            for (TableMetadata view : ks.tables().values()) {
                TableMetadata now = next.table(ks.name(), view.name());
                if (!view.isView() || now != null && now.id().equals(view.id())) continue;
                recorder.finished(view.keyspace(), view.name()).whenComplete((ignored, failure) -> {
                    if (failure != null) LOG.debug("Cannot forget the build of dropped view {} (the next start does)", view, failure);
                });
            }
        }
    }

    /**
     * Start-up, once the commitlog is replayed: sends again the view updates each shard had logged for the shards owning
     * their view partitions (applied there or not before the stop), runs again the builds a stop interrupted, then lets
     * views created from now on build.
     */
    public CompletableFuture<Void> start() {
        return database.onAllShardsAsync(ShardStorage::resendReplayedForwards)
                .thenCompose(ignored -> progress == null ? CompletableFuture.completedFuture(List.<TableMetadata>of()) : progress.interrupted())
                .thenCompose(interrupted -> {
                    buildsEnabled = true;
                    for (TableMetadata view : interrupted) built.remove(view.id());
                    return database.onAllShards(storage -> {
                        for (TableMetadata view : interrupted) ViewBuilder.start(storage, this, view.id());
                        return null;
                    });
                }).thenApply(ignored -> null);
    }

    /** Completes once the view's build is recorded as started: before it writes anything. */
    CompletableFuture<Void> buildStarted(TableMetadata view) {
        ViewBuildsInProgress recorder = progress;
        return recorder == null ? CompletableFuture.completedFuture(null) : recorder.started(view);
    }

    /** Starts the builds of the views the last schema change created, on every shard: called once every shard synced. */
    public CompletableFuture<Void> startBuilds() {
        return database.onAllShards(storage -> {
            List<UUID> pending = pendingBuilds.get(storage.shardId());
            for (UUID viewId : pending) ViewBuilder.start(storage, this, viewId);
            pending.clear();
            return null;
        }).thenApply(ignored -> null);
    }

    /** Whether the view's build has finished on every shard. */
    public boolean isBuilt(UUID viewId) {
        return built.contains(viewId);
    }

    /** A shard finished building the view; it counts as built once all have, and its progress row is gone. */
    void shardBuilt(TableMetadata view) {
        if (shardsBuilt.merge(view.id(), 1, Integer::sum) != shards.length) return;
        shardsBuilt.remove(view.id());
        ViewBuildsInProgress recorder = progress;
        CompletableFuture<Void> recorded = recorder == null ? CompletableFuture.completedFuture(null) : recorder.finished(view.keyspace(), view.name());
        recorded.whenComplete((ignored, failure) -> {
            // unrecorded, the build runs again at the next start, which is harmless
            if (failure != null) LOG.warn("Cannot record that materialized view {} is built", view, failure);
            built.add(view.id());
        });
    }

    /**
     * Applies a base write on its owning shard with its views' updates, each base partition with views in its turn of
     * the partition sequencer (so the rows read before the write are still current when the write lands).
     */
    public CompletableFuture<Void> write(ShardStorage storage, List<TableEngine> engines, List<PartitionUpdate> updates, long now) {
        return write(storage, engines, updates, List.of(), now);
    }

    /**
     * Like {@link #write}, with updates of partitions other shards own (a trigger's) logged in the same commitlog entry
     * and sent to their owners after it, as the views' own updates for other shards are (and again after a replay).
     */
    public CompletableFuture<Void> write(ShardStorage storage, List<TableEngine> engines, List<PartitionUpdate> updates,
                                         List<ForwardedUpdate> forwarded, long now) {
        return writes.write(storage, engines, updates, forwarded, now, false);
    }

    /** Like {@link #write}, for a caller already holding the turn of the (single) partition it writes: a lightweight transaction. */
    public CompletableFuture<Void> writeInTurn(ShardStorage storage, List<TableEngine> engines, List<PartitionUpdate> updates, long now) {
        return writes.write(storage, engines, updates, List.of(), now, true);
    }

    /** Writes view updates alone, each on the shard owning its view partition: a build's. */
    CompletableFuture<Void> writeViews(ShardStorage storage, List<ViewWrites.ViewUpdate> updates) {
        return writes.send(storage, updates, List.of(), new ArrayList<>(), new ArrayList<>());
    }

    List<UUID> builtViews() {
        return new ArrayList<>(built);
    }
}
