package org.charybdis.storage.read;

import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One source's stored rows of one partition inside a read's slices, in the read's order (clustering order, or from
 * the end), some at hand and the rest brought on request: a memtable has them all at hand, an SSTable brings a few
 * row index blocks at a time, so a read holds only what its merge is looking at. Shard-owned.
 */
public interface RowStream {
    /** The next row at hand, or null when none is: then the stream is {@linkplain #exhausted() exhausted} or must {@link #fetch()}. */
    Row peek();

    /** Moves past the row {@link #peek()} returned. */
    void advance();

    /** True when no row follows those at hand. */
    boolean exhausted();

    /**
     * Where the rows not yet at hand start, as far as the stream knows without reading: none of them sorts before this
     * bound in the read's order (after it, reversed). Null when it does not know. A merge need not fetch from a stream
     * whose bound lies after a row it has at hand from another.
     */
    default ClusteringBound nextRowsFrom() {
        return null;
    }

    /**
     * Brings further rows to hand; it may bring none (look again, and fetch again while the stream is not exhausted).
     * Called only when no row is at hand; a failure (a corrupt SSTable) fails the read.
     */
    CompletableFuture<Void> fetch();

    /** The fragment's rows inside the slices (sorted, non-overlapping, in clustering order), all at hand. */
    static RowStream of(PartitionFragment fragment, List<Slice> slices, boolean reversed, ClusteringComparator comparator) {
        return new RowStream() {
            private int nextSlice;
            private Iterator<Row> rows = Collections.emptyIterator();
            private Row head = advanceToNext();

            @Override
            public Row peek() { return head; }

            @Override
            public void advance() { head = advanceToNext(); }

            @Override
            public boolean exhausted() { return true; }

            @Override
            public CompletableFuture<Void> fetch() { return CompletableFuture.completedFuture(null); }

            private Row advanceToNext() {
                while (!rows.hasNext()) {
                    if (nextSlice == slices.size()) return null;
                    Slice slice = slices.get(reversed ? slices.size() - 1 - nextSlice : nextSlice);
                    nextSlice++;
                    if (!comparator.isEmpty(slice)) rows = fragment.rows(slice, reversed);
                }
                return rows.next();
            }
        };
    }
}
