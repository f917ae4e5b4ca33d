package org.charybdis.server.service.pager;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Pages through a token range: every shard scans its own partitions in token order, up to a page of
 * rows each, and the coordinator merges the streams by token, keeping the first page's worth.
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
    public CompletableFuture<PageBuilder.Page> fetch(PagingState state, int capacity, int remainingLimit) {
        PageBuilder page = new PageBuilder(capacity, remainingLimit, perPartitionLimit);
        if (range.isEmpty()) return CompletableFuture.completedFuture(page.build(false));
        DecoratedKey after = state == null ? null : DecoratedKey.of(state.partitionKey());
        Clustering resumeAfter = state == null || state.partitionDone() ? null : state.lastClustering();
        int resumeBudget = state == null ? perPartitionLimit : state.remainingInPartition();
        return source.onEvery(engine -> reader.scan(engine, range, after, resumeAfter, resumeBudget, capacity))
                .thenApply(results -> merge(page, results, state, perPartitionLimit));
    }

    /**
     * Merges the shards' partitions (each shard's in token order) into one page in token order, keeping the
     * first page's worth; {@code state} is where this page resumed from (null: the start).
     */
    static PageBuilder.Page merge(PageBuilder page, List<ShardReader.ScanResult> results, PagingState state, int perPartitionLimit) {
        DecoratedKey after = state == null ? null : DecoratedKey.of(state.partitionKey());
        Clustering resumeAfter = state == null || state.partitionDone() ? null : state.lastClustering();
        int resumeBudget = state == null ? perPartitionLimit : state.remainingInPartition();
        List<PartitionChunk> chunks = new ArrayList<>();
        boolean complete = true;
        for (ShardReader.ScanResult r : results) {
            chunks.addAll(r.chunks());
            complete &= r.complete();
        }
        chunks.sort(Comparator.comparing(PartitionChunk::key));
        int used = 0;
        for (PartitionChunk chunk : chunks) {
            if (page.full()) break;
            boolean resumed = resumeAfter != null && chunk.key().equals(after);
            page.add(chunk, resumed ? resumeBudget : perPartitionLimit);
            used++;
        }
        boolean more = page.full() && (!complete || used < chunks.size() || page.droppedRows() || !page.lastPartitionDone());
        return page.build(more);
    }
}
