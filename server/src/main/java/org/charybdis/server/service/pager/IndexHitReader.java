package org.charybdis.server.service.pager;

import org.charybdis.server.service.Deadline;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.sai.PrimaryKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Walks the rows an index found on one shard (in table order), partition by partition, reading each hit's base row
 * and keeping it only if it still satisfies every restriction (index entries and terms are never deleted, so a
 * stale hit is dropped here), until the page's budget is spent. For partition-level hits (static and partition key
 * indexes) the whole partition is read.
 */
final class IndexHitReader {
    private final ShardReader reader;
    private final TableEngine base;
    private final boolean partitionLevel;
    private Iterator<PrimaryKey> hits;
    private final PagingState state;
    private final PageSize budget;
    private final int perPartitionLimit;
    private final Deadline deadline;
    final List<PartitionChunk> chunks = new ArrayList<>();
    private PrimaryKey pending;
    int hitsRead;
    int rows;
    private long bytes;
    boolean complete;

    IndexHitReader(ShardReader reader, TableEngine base, boolean partitionLevel, Iterator<PrimaryKey> hits, PagingState state,
                   PageSize budget, int perPartitionLimit, Deadline deadline) {
        this.reader = reader;
        this.base = base;
        this.partitionLevel = partitionLevel;
        this.hits = hits;
        this.state = state;
        this.budget = budget;
        this.perPartitionLimit = perPartitionLimit;
        this.deadline = deadline;
        this.pending = hits.hasNext() ? hits.next() : null;
    }

    /**
     * Goes on with more hits after the previous ones ran out ({@link #complete}): the next round of a search. They
     * must follow the previous ones in table order, in partitions not read yet.
     */
    void feed(Iterator<PrimaryKey> more) {
        hits = more;
        pending = more.hasNext() ? more.next() : null;
        complete = false;
    }

    /** Reads the next base partition's hits; true when this shard is done (or the hits given so far are). */
    CompletableFuture<Boolean> next() {
        if (pending == null) {
            complete = true;
            return CompletableFuture.completedFuture(true);
        }
        if (rows >= budget.rows() || bytes >= budget.bytes()) return CompletableFuture.completedFuture(true); // more hits: maybe more rows
        deadline.check();
        DecoratedKey key = pending.partition();
        List<Slice> slices = new ArrayList<>();
        Clustering previous = null;
        while (pending != null && pending.partition().equals(key)) {
            if (!partitionLevel) {
                Clustering row = pending.clustering();
                if (!row.equals(previous) && reader.selects(row)) slices.add(Slice.exactly(row));
                previous = row;
            }
            hitsRead++;
            pending = hits.hasNext() ? hits.next() : null;
        }
        boolean resumed = state != null && !state.partitionDone() && key.key().equals(state.partitionKey());
        int partitionBudget = resumed ? state.remainingInPartition() : perPartitionLimit;
        CompletableFuture<PartitionChunk> read;
        PageSize room = new PageSize(budget.rows() - rows, budget.bytes() - bytes);
        if (partitionLevel) read = reader.read(base, key, resumed ? state.lastClustering() : null, partitionBudget, room);
        else if (slices.isEmpty()) return CompletableFuture.completedFuture(false);
        else read = reader.readRows(base, key, slices, partitionBudget, room);
        return read.thenApply(chunk -> {
            if (!chunk.rows().isEmpty()) chunks.add(chunk);
            rows += chunk.rows().size();
            for (ByteBuffer[] row : chunk.rows()) bytes += PageSize.bytesOf(row);
            return !chunk.partitionDone();
        });
    }
}
