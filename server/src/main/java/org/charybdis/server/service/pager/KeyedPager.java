package org.charybdis.server.service.pager;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Pages through named partitions (partition key = or IN), one partition at a time on its owning shard. */
public final class KeyedPager implements Pager {
    private final TableSource source;
    private final ShardReader reader;
    private final List<DecoratedKey> keys;
    private final Comparator<ByteBuffer> keyOrder;
    private final int perPartitionLimit;

    /** @param keyOrder the order {@code keys} are sorted in, on serialized partition keys */
    public KeyedPager(TableSource source, ShardReader reader, List<DecoratedKey> keys, Comparator<ByteBuffer> keyOrder, int perPartitionLimit) {
        this.source = source;
        this.reader = reader;
        this.keys = keys;
        this.keyOrder = keyOrder;
        this.perPartitionLimit = perPartitionLimit;
    }

    @Override
    public CompletableFuture<PageBuilder.Page> fetch(PagingState state, PageSize size, int remainingLimit) {
        PageBuilder page = new PageBuilder(size, remainingLimit, perPartitionLimit);
        int index = 0;
        Clustering resumeAfter = null;
        int budget = perPartitionLimit;
        if (state != null) {
            index = firstKeyAtOrAfter(state.partitionKey());
            boolean same = index < keys.size() && keys.get(index).key().equals(state.partitionKey());
            if (same && state.partitionDone()) index++;
            else if (same) {
                resumeAfter = state.lastClustering();
                budget = state.remainingInPartition();
            }
        }
        return readFrom(page, index, resumeAfter, budget);
    }

    private CompletableFuture<PageBuilder.Page> readFrom(PageBuilder page, int index, Clustering resumeAfter, int budget) {
        if (index >= keys.size()) return CompletableFuture.completedFuture(page.build(false));
        if (page.full()) return CompletableFuture.completedFuture(page.build(true));
        DecoratedKey key = keys.get(index);
        PageSize room = page.room();
        return source.onOwner(key, engine -> reader.read(engine, key, resumeAfter, budget, room)).thenCompose(chunk -> {
            page.add(chunk, budget);
            if (page.full()) {
                boolean more = !(index == keys.size() - 1 && page.lastPartitionDone());
                return CompletableFuture.completedFuture(page.build(more));
            }
            return readFrom(page, index + 1, null, perPartitionLimit);
        });
    }

    private int firstKeyAtOrAfter(ByteBuffer key) {
        int low = 0;
        int high = keys.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (keyOrder.compare(keys.get(mid).key(), key) < 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
