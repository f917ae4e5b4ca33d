package org.charybdis.server.service.pager;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Pages through a token range: every shard scans its own partitions in token order and the coordinator merges
 * the streams by token. When a page may end short, each shard reads only its even part of the page, so no shard
 * reads rows the merge then throws away; the merged page stops where the first shard's part ends, and a short
 * page is topped up by further rounds from there.
 */
public final class RangePager implements Pager {
    private final TableSource source;
    private final ShardReader reader;
    private final TokenRange range;
    private final int perPartitionLimit;

    public RangePager(TableSource source, ShardReader reader, TokenRange range, int perPartitionLimit) {
        this.source = source;
        this.reader = reader;
        this.range = range;
        this.perPartitionLimit = perPartitionLimit;
    }

    @Override
    public CompletableFuture<PageBuilder.Page> fetch(PagingState state, PageSize size, int remainingLimit) {
        PageBuilder page = new PageBuilder(size, remainingLimit, perPartitionLimit);
        if (range.isEmpty()) return CompletableFuture.completedFuture(page.build(false));
        return round(page, state);
    }

    /** Scans every shard from {@code state} for what the page still has room for, and merges what they found into it. */
    private CompletableFuture<PageBuilder.Page> round(PageBuilder page, PagingState state) {
        DecoratedKey after = state == null ? null : DecoratedKey.of(state.partitionKey());
        Clustering resumeAfter = state == null || state.partitionDone() ? null : state.lastClustering();
        int resumeBudget = state == null ? perPartitionLimit : state.remainingInPartition();
        PageSize budget = page.room().perShard(source.shardCount());
        return source.onEvery(engine -> reader.scan(engine, range, after, resumeAfter, resumeBudget, budget)).thenCompose(results -> {
            boolean more = merge(page, results, state, perPartitionLimit);
            if (!more) return CompletableFuture.completedFuture(page.build(false));
            PagingState next = page.resumeState();
            if (page.full() || next == null) return CompletableFuture.completedFuture(page.build(true));
            return round(page, next);
        });
    }

    /**
     * Merges the shards' partitions (each shard's in token order) into the page in token order, up to the first
     * partition past the end of an incomplete shard's part (rows of that shard may come before it); {@code state} is
     * where these results resumed from (null: the start). Returns whether rows may follow the page's last one.
     */
    static boolean merge(PageBuilder page, List<ShardReader.ScanResult> results, PagingState state, int perPartitionLimit) {
        DecoratedKey after = state == null ? null : DecoratedKey.of(state.partitionKey());
        Clustering resumeAfter = state == null || state.partitionDone() ? null : state.lastClustering();
        int resumeBudget = state == null ? perPartitionLimit : state.remainingInPartition();
        List<PartitionChunk> chunks = new ArrayList<>();
        boolean complete = true;
        DecoratedKey frontier = null; // the last partition every incomplete shard has reached
        for (ShardReader.ScanResult r : results) {
            chunks.addAll(r.chunks());
            if (r.complete()) continue;
            complete = false;
            // an incomplete shard stopped after taking at least one row: its budget is never empty
            if (r.chunks().isEmpty()) throw new IllegalStateException("a shard's scan stopped short without taking a row");
            DecoratedKey last = r.chunks().getLast().key();
            if (frontier == null || last.compareTo(frontier) < 0) frontier = last;
        }
        chunks.sort(Comparator.comparing(PartitionChunk::key));
        int used = 0;
        for (PartitionChunk chunk : chunks) {
            if (page.full() || (frontier != null && chunk.key().compareTo(frontier) > 0)) break;
            boolean resumed = resumeAfter != null && chunk.key().equals(after);
            page.add(chunk, resumed ? resumeBudget : perPartitionLimit);
            used++;
        }
        // a complete shard's partitions are all finished (or at their PER PARTITION LIMIT)
        return !complete || used < chunks.size() || page.droppedRows();
    }
}
