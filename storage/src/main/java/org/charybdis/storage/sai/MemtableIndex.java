package org.charybdis.storage.sai;

import org.charybdis.storage.attached.AttachedIndexKind;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.HeapCopy;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The storage-attached index terms of one memtable: per index, a sorted map from term to the rows written with
 * it. Terms and keys are copied to the heap (a write's buffers belong to the request). Entries are only added:
 * an overwrite or deletion leaves the old posting, which the query's re-check of the row drops. Shard-owned.
 */
final class MemtableIndex implements AttachedIndexKind.MemtablePart<AttachedIndex> {
    private final Map<UUID, NavigableMap<ByteBuffer, List<PrimaryKey>>> terms = new HashMap<>();

    /** Object headers, references and map entries around each posting, roughly. */
    private static final int POSTING_OVERHEAD = 96;

    /** Adds the terms of a write; returns the heap bytes they take. */
    @Override
    public long add(List<AttachedIndex> indexes, PartitionUpdate update) {
        long bytes = 0;
        DecoratedKey key = null;
        for (RowUpdate row : update.rows()) {
            Clustering clustering = null;
            for (AttachedIndex index : indexes) {
                for (Cell cell : row.cells()) {
                    ByteBuffer term = index.termOf(cell);
                    if (term == null) continue;
                    if (key == null) {
                        key = new DecoratedKey(update.key().token(), HeapCopy.of(update.key().key()));
                        bytes += key.key().capacity();
                    }
                    if (clustering == null) {
                        clustering = HeapCopy.of(row.clustering());
                        bytes += clustering.dataSize();
                    }
                    bytes += term.remaining() + POSTING_OVERHEAD;
                    terms.computeIfAbsent(index.id(), id -> new TreeMap<>(UnsignedBytes.ORDER))
                            .computeIfAbsent(HeapCopy.of(term), t -> new ArrayList<>(1)).add(new PrimaryKey(key, clustering));
                }
            }
        }
        return bytes;
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
}
