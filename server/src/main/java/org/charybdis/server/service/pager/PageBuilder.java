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

    private final PageSize size;
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
    private long bytes;

    public PageBuilder(PageSize size, int remainingLimit, int perPartitionLimit) {
        this.size = size;
        this.remainingLimit = remainingLimit;
        this.perPartitionLimit = perPartitionLimit;
    }

    /** Takes what fits of a chunk; {@code partitionBudget} is what PER PARTITION LIMIT allowed the chunk. */
    void add(PartitionChunk chunk, int partitionBudget) {
        int take = 0;
        // the row that crosses the byte limit is the page's last: a page holds at least one row
        while (take < chunk.rows().size() && rows.size() + take < size.rows() && bytes < size.bytes()) {
            bytes += PageSize.bytesOf(chunk.rows().get(take++));
        }
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

    /** What the page still has room for. */
    PageSize room() {
        return new PageSize(Math.max(0, size.rows() - rows.size()), size.bytes() == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, size.bytes() - bytes));
    }

    boolean full() {
        return rows.size() >= size.rows() || bytes >= size.bytes();
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
        return new Page(rows, keys, clusterings, mayHaveMore ? resumeState() : null);
    }

    /** Where reading goes on from, right after the last row taken; null when the LIMIT is reached or nothing was taken. */
    PagingState resumeState() {
        int remaining = remainingLimit == Integer.MAX_VALUE ? Integer.MAX_VALUE : remainingLimit - rows.size();
        if (remaining <= 0 || lastKey == null) return null;
        return new PagingState(lastKey.key(), lastDone ? null : lastClustering, remaining, lastDone ? perPartitionLimit : lastPartitionRemaining);
    }
}
