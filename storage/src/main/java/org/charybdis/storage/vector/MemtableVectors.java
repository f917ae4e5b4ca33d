package org.charybdis.storage.vector;

import org.charybdis.storage.attached.AttachedIndexKind;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.HeapCopy;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.sai.PrimaryKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The vectors written to one memtable, per index, each with its row: searched by scoring them all (a memtable holds
 * few enough; its graph is built when it is flushed). Only added to: an overwrite or deletion leaves the old entry,
 * which the query's re-read of the row drops. Shard-owned.
 */
final class MemtableVectors implements AttachedIndexKind.MemtablePart<VectorIndex> {
    /** Object headers, references and list slots around each entry, roughly. */
    private static final int ENTRY_OVERHEAD = 96;

    private final Map<UUID, List<PrimaryKey>> rows = new HashMap<>();
    private final Map<UUID, List<float[]>> vectors = new HashMap<>();

    /** Adds the vectors of a write; returns the heap bytes they take. */
    @Override
    public long add(List<VectorIndex> indexes, PartitionUpdate update) {
        long bytes = 0;
        DecoratedKey key = null;
        for (RowUpdate row : update.rows()) {
            PrimaryKey primaryKey = null;
            for (VectorIndex index : indexes) {
                for (Cell cell : row.cells()) {
                    float[] vector = index.vectorOf(cell);
                    if (vector == null) continue;
                    if (key == null) key = new DecoratedKey(update.key().token(), HeapCopy.of(update.key().key()));
                    if (primaryKey == null) primaryKey = new PrimaryKey(key, HeapCopy.of(row.clustering()));
                    rows.computeIfAbsent(index.id(), id -> new ArrayList<>()).add(primaryKey);
                    vectors.computeIfAbsent(index.id(), id -> new ArrayList<>()).add(vector);
                    bytes += (long) vector.length * Float.BYTES + key.key().capacity() + primaryKey.clustering().dataSize() + ENTRY_OVERHEAD;
                }
            }
        }
        return bytes;
    }

    /** Hands every vector of the index to {@code found}, scored against the target (the caller keeps the best). */
    void search(VectorIndex index, float[] target, Consumer<VectorCandidate> found) {
        List<float[]> all = vectors.get(index.id());
        if (all == null) return;
        List<PrimaryKey> keys = rows.get(index.id());
        for (int i = 0; i < all.size(); i++) found.accept(new VectorCandidate(keys.get(i), index.scorer().score(target, all.get(i))));
    }
}
