package org.charybdis.storage.read;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ColumnOrder;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges sorted row iterators of several sources into one sorted iterator, combining the versions of a row
 * that several sources hold with {@link RowMerger}. Stored shape in, stored shape out: nothing is purged.
 */
public final class MergingRowIterator implements Iterator<Row> {
    private final PriorityQueue<Source> heap;
    private final Comparator<Row> order;
    private final ColumnOrder columnOrder;

    private MergingRowIterator(List<Iterator<Row>> sources, Comparator<Row> order, ColumnOrder columnOrder) {
        this.order = order;
        this.columnOrder = columnOrder;
        this.heap = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> order.compare(a.head, b.head));
        for (Iterator<Row> source : sources) {
            if (source.hasNext()) heap.add(new Source(source));
        }
    }

    /** One iterator over the sources; the input itself when there is only one. */
    public static Iterator<Row> merge(List<Iterator<Row>> sources, ClusteringComparator comparator, boolean reversed,
                                      ColumnOrder columnOrder) {
        if (sources.size() == 1) return sources.getFirst();
        Comparator<Row> byClustering = (a, b) -> comparator.compare(a.clustering(), b.clustering());
        return new MergingRowIterator(sources, reversed ? byClustering.reversed() : byClustering, columnOrder);
    }

    @Override
    public boolean hasNext() {
        return !heap.isEmpty();
    }

    @Override
    public Row next() {
        if (heap.isEmpty()) throw new NoSuchElementException();
        Source first = heap.poll();
        Row merged = first.head;
        advance(first);
        while (!heap.isEmpty() && order.compare(heap.peek().head, merged) == 0) {
            Source same = heap.poll();
            merged = RowMerger.merge(merged, same.head, columnOrder);
            advance(same);
        }
        return merged;
    }

    private void advance(Source source) {
        if (source.rows.hasNext()) {
            source.head = source.rows.next();
            heap.add(source);
        }
    }

    private static final class Source {
        final Iterator<Row> rows;
        Row head;

        Source(Iterator<Row> rows) {
            this.rows = rows;
            this.head = rows.next();
        }
    }
}
