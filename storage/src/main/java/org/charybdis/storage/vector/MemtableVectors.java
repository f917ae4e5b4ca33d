package org.charybdis.storage.vector;

import org.charybdis.storage.attached.AttachedIndexKind;
import org.charybdis.storage.attached.RowSink;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.HeapCopy;
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
    private long heapBytes;

    @Override
    public RowSink adding(List<VectorIndex> indexes) {
        return new RowSink() {
            private DecoratedKey written;
            private DecoratedKey key;

            @Override
            public void row(DecoratedKey partition, Clustering clustering, List<Cell> cells) {
                if (partition != written) {
                    written = partition;
                    key = null;
                }
                PrimaryKey primaryKey = null;
                for (VectorIndex index : indexes) {
                    for (Cell cell : cells) {
                        float[] vector = index.vectorOf(cell);
                        if (vector == null) continue;
                        if (key == null) key = new DecoratedKey(partition.token(), HeapCopy.of(partition.key()));
                        if (primaryKey == null) primaryKey = new PrimaryKey(key, HeapCopy.of(clustering));
                        rows.computeIfAbsent(index.id(), id -> new ArrayList<>()).add(primaryKey);
                        vectors.computeIfAbsent(index.id(), id -> new ArrayList<>()).add(vector);
                        heapBytes += (long) vector.length * Float.BYTES + key.key().capacity() + primaryKey.clustering().dataSize() + ENTRY_OVERHEAD;
                    }
                }
            }
        };
    }

    @Override
    public long heapBytes() {
        return heapBytes;
    }

    /** Hands every vector of the index to {@code found}, scored against the target (the caller keeps the best). */
    void search(VectorIndex index, float[] target, Consumer<VectorCandidate> found) {
        List<float[]> all = vectors.get(index.id());
        if (all == null) return;
        List<PrimaryKey> keys = rows.get(index.id());
        for (int i = 0; i < all.size(); i++) found.accept(new VectorCandidate(keys.get(i), index.scorer().score(target, all.get(i))));
    }
}
