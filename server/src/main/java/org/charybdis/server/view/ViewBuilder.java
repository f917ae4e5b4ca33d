package org.charybdis.server.view;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.PartitionScanner;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Builds a new view on one shard from the base rows it already holds: scans the base table and writes the view row of
 * each live base row on the shard owning it. Writes made meanwhile maintain the view themselves; a base row changed
 * between the scan and the build's write leaves a view row whose timestamps are older than that change's, which the
 * change's own view updates shadow.
 */
final class ViewBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ViewBuilder.class);

    private ViewBuilder() {}

    /** Starts the build in the background on the calling shard. */
    static void start(ShardStorage storage, MaterializedViews views, UUID viewId) {
        ViewRow view = views.shard(storage.shardId()).view(viewId);
        if (view == null) return;
        TableEngine base = storage.table(view.base().id());
        if (base == null) return;
        long now = System.currentTimeMillis() / 1000;
        views.buildStarted(view.view()).thenCompose(ignored -> build(storage, views, view, base, now)).whenComplete((ignored, failure) -> {
            if (failure == null) {
                views.shardBuilt(view.view());
            } else if (views.shard(storage.shardId()).view(viewId) != null) {
                LOG.error("Building materialized view {} on shard {} failed", view.view(), storage.shardId(), AsyncLoop.unwrap(failure));
            }
        });
    }

    /** Writes the view rows of every live base row this shard holds. */
    private static CompletableFuture<Void> build(ShardStorage storage, MaterializedViews views, ViewRow view, TableEngine base, long now) {
        UUID viewId = view.view().id();
        PartitionScanner partitions = base.scan(TokenRange.FULL_RING, ReadFilter.ALL, now);
        return AsyncLoop.forEach(partitions::next, partition -> {
            if (views.shard(storage.shardId()).view(viewId) == null) return CompletableFuture.failedFuture(new IllegalStateException("view dropped"));
            ViewUpdates updates = new ViewUpdates(List.of(view), base.layout(), now);
            updates.addExisting(partition.key(), ViewUpdates.rowsOf(partition));
            List<ViewWrites.ViewUpdate> out = new ArrayList<>();
            for (Map.Entry<ViewRow, List<PartitionUpdate>> entry : updates.updates().entrySet()) {
                for (PartitionUpdate update : entry.getValue()) out.add(new ViewWrites.ViewUpdate(entry.getKey().view(), update));
            }
            return views.writeViews(storage, out);
        }).whenComplete((ignored, failure) -> partitions.close());
    }
}
