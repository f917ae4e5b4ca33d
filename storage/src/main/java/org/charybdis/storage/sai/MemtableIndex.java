package org.charybdis.storage.sai;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The storage-attached index terms of one memtable: per index, a sorted map from term to the rows written with
 * it, in table order. Terms and keys are copied to the heap (a write's buffers belong to the request). Entries are only added:
 * an overwrite or deletion leaves the old posting, which the query's re-check of the row drops. Knows which indexes
 * hold the terms of everything the memtable holds: those defined before its first write, or indexed since.
 * Shard-owned.
 */
final class MemtableIndex {
    private final Map<UUID, NavigableMap<ByteBuffer, NavigableSet<PrimaryKey>>> terms = new HashMap<>();
    private final Set<UUID> complete = new HashSet<>();
    private final Comparator<PrimaryKey> order;

    /** Object headers, references and tree entries around each posting, roughly. */
    private static final int POSTING_OVERHEAD = 112;

    /** The terms of a memtable of a table whose rows sort in {@code order}. */
    MemtableIndex(Comparator<PrimaryKey> order) {
        this.order = order;
    }

    /** True when every row of the memtable has its terms of the index here. */
    boolean isComplete(UUID index) {
        return complete.contains(index);
    }

    /** Notes that every row of the memtable has its terms of these indexes here. */
    void markComplete(List<AttachedIndex> indexes) {
        for (AttachedIndex index : indexes) complete.add(index.id());
    }

    /** Collects the terms of one partition (written or stored), from its partition-level terms to its rows'. */
    PartitionTerms partition(List<AttachedIndex> indexes, DecoratedKey key) {
        return new PartitionTerms(indexes, key);
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

    /** Posts the terms of one partition, copying its key and each row's clustering once, when they first add a term. */
    final class PartitionTerms {
        private final List<AttachedIndex> indexes;
        private final DecoratedKey written;
        private DecoratedKey key;
        private UUID index;
        private Clustering row;
        private Clustering copied;
        /** The heap bytes the postings took. */
        long bytes;

        private PartitionTerms(List<AttachedIndex> indexes, DecoratedKey written) {
            this.indexes = indexes;
            this.written = written;
        }

        /** Adds the partition-level terms, given the static row's cells (empty without a static row). */
        void partition(List<Cell> staticCells) {
            row = Clustering.STATIC;
            copied = Clustering.STATIC;
            for (AttachedIndex attached : indexes) {
                index = attached.id();
                attached.partitionTerms(written, staticCells, this::post);
            }
        }

        /** Adds the terms of one regular row. */
        void row(Clustering clustering, List<Cell> cells) {
            row = clustering;
            copied = null;
            for (AttachedIndex attached : indexes) {
                index = attached.id();
                attached.rowTerms(written, clustering, cells, this::post);
            }
        }

        private void post(ByteBuffer term) {
            if (key == null) {
                key = new DecoratedKey(written.token(), copy(written.key()));
                bytes += key.key().capacity();
            }
            if (copied == null) {
                copied = copy(row);
                bytes += copied.dataSize();
            }
            NavigableMap<ByteBuffer, NavigableSet<PrimaryKey>> byTerm = terms.computeIfAbsent(index, id -> new TreeMap<>(UnsignedBytes.ORDER));
            NavigableSet<PrimaryKey> rows = byTerm.get(term);
            if (rows == null) {
                rows = new TreeSet<>(order);
                byTerm.put(copy(term), rows);
                bytes += term.remaining();
            }
            if (rows.add(new PrimaryKey(key, copied))) bytes += POSTING_OVERHEAD; // not when the row is written again
        }
    }

    private static ByteBuffer copy(ByteBuffer value) {
        ByteBuffer copy = ByteBuffer.allocate(value.remaining());
        copy.put(value.duplicate()).flip();
        return copy;
    }

    private static Clustering copy(Clustering clustering) {
        ByteBuffer[] components = new ByteBuffer[clustering.size()];
        for (int i = 0; i < components.length; i++) components[i] = copy(clustering.get(i));
        return Clustering.of(components);
    }
}
