package org.charybdis.storage.sai;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The storage-attached index terms of one memtable: per index, a sorted map from term to the rows written with
 * it. Terms and keys are copied to the heap (a write's buffers belong to the request). Entries are only added:
 * an overwrite or deletion leaves the old posting, which the query's re-check of the row drops. Knows which indexes
 * hold the terms of everything the memtable holds: those defined before its first write, or indexed since.
 * Shard-owned.
 */
final class MemtableIndex {
    private final Map<UUID, NavigableMap<ByteBuffer, List<PrimaryKey>>> terms = new HashMap<>();
    private final Set<UUID> complete = new HashSet<>();

    /** Object headers, references and map entries around each posting, roughly. */
    private static final int POSTING_OVERHEAD = 96;

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

    void search(UUID index, TermRange range, DecoratedKey from, Consumer<PrimaryKey> hits) {
        NavigableMap<ByteBuffer, List<PrimaryKey>> byTerm = terms.get(index);
        if (byTerm == null || range.isEmpty()) return;
        NavigableMap<ByteBuffer, List<PrimaryKey>> matching = byTerm;
        if (range.lower() != null) matching = matching.tailMap(range.lower(), range.lowerInclusive());
        if (range.upper() != null) matching = matching.headMap(range.upper(), range.upperInclusive());
        for (List<PrimaryKey> rows : matching.values()) {
            for (PrimaryKey row : rows) if (from == null || row.partition().compareTo(from) >= 0) hits.accept(row);
        }
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
            NavigableMap<ByteBuffer, List<PrimaryKey>> byTerm = terms.computeIfAbsent(index, id -> new TreeMap<>(UnsignedBytes.ORDER));
            List<PrimaryKey> rows = byTerm.get(term);
            if (rows == null) {
                rows = new ArrayList<>(1);
                byTerm.put(copy(term), rows);
                bytes += term.remaining();
            }
            PrimaryKey posting = new PrimaryKey(key, copied);
            if (!rows.isEmpty() && rows.getLast().equals(posting)) return; // the same row or partition written again
            rows.add(posting);
            bytes += POSTING_OVERHEAD;
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
