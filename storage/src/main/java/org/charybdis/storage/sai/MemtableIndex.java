package org.charybdis.storage.sai;

import org.charybdis.storage.attached.AttachedIndexKind;
import org.charybdis.storage.attached.RowSink;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.HeapCopy;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The storage-attached index terms of one memtable: per index, a sorted map from term to the rows written with
 * it, in table order. Terms and keys are copied to the heap (a write's buffers belong to the request). Entries are
 * only added: an overwrite or deletion leaves the old posting, which the query's re-check of the row drops.
 * Shard-owned.
 */
final class MemtableIndex implements AttachedIndexKind.MemtablePart<AttachedIndex> {
    private final Map<UUID, NavigableMap<ByteBuffer, NavigableSet<PrimaryKey>>> terms = new HashMap<>();
    private final Comparator<PrimaryKey> order;
    private long heapBytes;

    /** Object headers, references and tree entries around each posting, roughly. */
    private static final int POSTING_OVERHEAD = 112;

    /** The terms of a memtable of a table whose rows sort in {@code order}. */
    MemtableIndex(Comparator<PrimaryKey> order) {
        this.order = order;
    }

    @Override
    public RowSink adding(List<AttachedIndex> indexes) {
        return new Postings(indexes);
    }

    @Override
    public long heapBytes() {
        return heapBytes;
    }

    /** The rows holding a term of the range, in table order and distinct, from the first one {@code start} admits (null: all). */
    Iterator<PrimaryKey> search(UUID index, TermRange range, SearchStart start) {
        NavigableMap<ByteBuffer, NavigableSet<PrimaryKey>> byTerm = terms.get(index);
        if (byTerm == null || range.isEmpty()) return Collections.emptyIterator();
        NavigableMap<ByteBuffer, NavigableSet<PrimaryKey>> matching = byTerm;
        if (range.lower() != null) matching = matching.tailMap(range.lower(), range.lowerInclusive());
        if (range.upper() != null) matching = matching.headMap(range.upper(), range.upperInclusive());
        List<Iterator<PrimaryKey>> perTerm = new ArrayList<>(matching.size());
        for (NavigableSet<PrimaryKey> rows : matching.values()) {
            perTerm.add((start == null ? rows : rows.tailSet(start.key(), start.inclusive())).iterator());
        }
        return new MergedHits(perTerm, order);
    }

    /** Posts the terms of the rows handed to it, copying each partition's key and each row's clustering once, when they first add a term. */
    private final class Postings implements RowSink {
        private final List<AttachedIndex> indexes;
        private DecoratedKey written;
        private DecoratedKey key;
        private UUID index;
        private Clustering row;
        private Clustering copied;

        private Postings(List<AttachedIndex> indexes) {
            this.indexes = indexes;
        }

        @Override
        public void partition(DecoratedKey partition, List<Cell> staticCells) {
            written = partition;
            key = null;
            row = Clustering.STATIC;
            copied = Clustering.STATIC;
            for (AttachedIndex attached : indexes) {
                index = attached.id();
                attached.partitionTerms(partition, staticCells, this::post);
            }
        }

        @Override
        public void row(DecoratedKey partition, Clustering clustering, List<Cell> cells) {
            row = clustering;
            copied = null;
            for (AttachedIndex attached : indexes) {
                index = attached.id();
                attached.rowTerms(partition, clustering, cells, this::post);
            }
        }

        private void post(ByteBuffer term) {
            if (key == null) {
                key = new DecoratedKey(written.token(), HeapCopy.of(written.key()));
                heapBytes += key.key().capacity();
            }
            if (copied == null) {
                copied = HeapCopy.of(row);
                heapBytes += copied.dataSize();
            }
            NavigableMap<ByteBuffer, NavigableSet<PrimaryKey>> byTerm = terms.computeIfAbsent(index, id -> new TreeMap<>(UnsignedBytes.ORDER));
            NavigableSet<PrimaryKey> rows = byTerm.get(term);
            if (rows == null) {
                rows = new TreeSet<>(order);
                byTerm.put(HeapCopy.of(term), rows);
                heapBytes += term.remaining();
            }
            if (rows.add(new PrimaryKey(key, copied))) heapBytes += POSTING_OVERHEAD; // not when the row is written again
        }
    }
}
