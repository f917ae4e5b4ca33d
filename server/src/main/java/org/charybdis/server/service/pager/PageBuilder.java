package org.charybdis.server.service.pager;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rows of one page from partition chunks arriving in result order, remembering where the
 * last taken row was so the next page can resume right after it.
 */
public final class PageBuilder {
    /**
     * One page: the rows, their partitions and clusterings (null for static-only rows), and the state to
     * resume from (null: done).
     */
    public record Page(List<ByteBuffer[]> rows, List<DecoratedKey> keys, List<Clustering> clusterings, PagingState next) {}

    private final int capacity;
    private final int remainingLimit;
    private final int perPartitionLimit;
    private final List<ByteBuffer[]> rows = new ArrayList<>();
    private final List<Clustering> clusterings = new ArrayList<>();
    private final List<DecoratedKey> keys = new ArrayList<>();
    private DecoratedKey lastKey;
    private Clustering lastClustering;
    private boolean lastDone;
    private int lastPartitionRemaining;
    private boolean dropped;

    public PageBuilder(int capacity, int remainingLimit, int perPartitionLimit) {
        this.capacity = capacity;
        this.remainingLimit = remainingLimit;
        this.perPartitionLimit = perPartitionLimit;
    }

    /** Takes what fits of a chunk; {@code partitionBudget} is what PER PARTITION LIMIT allowed the chunk. */
    void add(PartitionChunk chunk, int partitionBudget) {
        int room = capacity - rows.size();
        int take = Math.min(room, chunk.rows().size());
        if (take < chunk.rows().size()) dropped = true;
        if (take == 0) return;
        rows.addAll(chunk.rows().subList(0, take));
        clusterings.addAll(chunk.clusterings().subList(0, take));
        for (int i = 0; i < take; i++) keys.add(chunk.key());
        lastKey = chunk.key();
        lastClustering = chunk.clusterings().get(take - 1);
        lastDone = take == chunk.rows().size() ? chunk.partitionDone() : false;
        if (lastClustering == null) lastDone = true;
        lastPartitionRemaining = partitionBudget - take;
        if (lastPartitionRemaining <= 0) lastDone = true;
    }

    int capacity() {
        return capacity;
    }

    boolean full() {
        return rows.size() >= capacity;
    }

    int size() {
        return rows.size();
    }

    /** True when rows of an added chunk did not fit. */
    boolean droppedRows() {
        return dropped;
    }

    /** True when the last row taken ended its partition. */
    boolean lastPartitionDone() {
        return lastDone;
    }

    DecoratedKey lastKey() {
        return lastKey;
    }

    /** The finished page; {@code mayHaveMore} says whether rows may follow the last one taken. */
    Page build(boolean mayHaveMore) {
        int remaining = remainingLimit == Integer.MAX_VALUE ? Integer.MAX_VALUE : remainingLimit - rows.size();
        PagingState next = null;
        if (mayHaveMore && remaining > 0 && lastKey != null) {
            next = new PagingState(lastKey.key(), lastDone ? null : lastClustering, remaining,
                    lastDone ? perPartitionLimit : lastPartitionRemaining);
        }
        return new Page(rows, keys, clusterings, next);
    }
}
