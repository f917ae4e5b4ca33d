package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ComplexDeletion;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.DeletionSerializer;
import org.charybdis.storage.serialization.RowSerializer;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * One table's memtable on one shard: writes merged into rows kept serialized ({@code RowSerializer} format)
 * in native slabs charged to the shard's {@link MemtableMemory}; nothing is purged, tombstones stay until
 * flush and compaction decide. Owned by the shard thread: no method is thread-safe, none blocks.
 * <p>
 * There is no object per cell. The heap holds a {@link PartitionIndex} (a B+tree keyed by token) of partitions
 * and, per partition of a table with clustering columns, a {@link RowIndex} (a B+tree in clustering order) of
 * compact clustering copies with the native address of each row's latest version; a table without clustering
 * columns keeps its one row's address in the partition. About 120 bytes plus the key bytes per partition, about
 * 140 bytes plus the clustering bytes per row of a one-component clustering, 72 more per further component (see
 * {@link IndexFootprint}). Overwriting a row appends the merged version and repoints its entry; the old bytes
 * stay counted until {@link #discard()}.
 * Partition deletions and range tombstones stay on heap: they are rare.
 * <p>
 * Reads hand out on-heap copies of rows and survive writes applied while they are consumed. Columns missing
 * from the current layout are invisible; a column dropped and added back under the same id starts empty.
 */
public final class Memtable {
    private static final int SCRATCH_KEPT = 64 * 1024;

    private final MemtableMemory memory;
    private final NativeRowStore store;
    private final PartitionIndex partitions = new PartitionIndex();
    private final Set<Integer> droppedColumns = new HashSet<>(); // dropped while this memtable lived
    private BufferWriter scratch = new BufferWriter(1024);
    private TableLayout layout;
    private IntPredicate knownColumns;
    private long partitionCount;
    private long liveDataSize;
    private long overwrittenBytes;
    private long heapBytes;
    private long minTimestamp = Long.MAX_VALUE;
    private long maxTimestamp = Long.MIN_VALUE;
    private long commitLogLowerBound = Long.MAX_VALUE;
    private long commitLogUpperBound = Long.MIN_VALUE;
    private boolean discarded;

    public Memtable(TableLayout layout, MemtableMemory memory) {
        this.memory = memory;
        this.store = new NativeRowStore(memory);
        setLayout(layout);
        memory.memtableCreated();
    }

    /**
     * Merges one partition's mutation in. Cells of columns unknown to the layout are ignored.
     *
     * @param commitLogPosition where the mutation sits in the commitlog, for the memtable's commitlog bounds
     * @return bytes the memtable grew by: serialized rows appended (overwritten versions included) plus the
     *         on-heap index added; slabs are charged to {@link MemtableMemory} whole, when taken
     */
    public long apply(PartitionUpdate update, long commitLogPosition) {
        checkUsable();
        checkClusterings(update);
        long before = store.appendedBytes() + heapBytes;
        MemtablePartition partition = partitionFor(update.key());
        partition.partitionDeletion = DeletionTime.max(partition.partitionDeletion, update.partitionDeletion());
        if (!update.rangeTombstones().isEmpty()) addRangeTombstones(partition, update.rangeTombstones());
        if (update.staticRow() != null) partition.staticRow = merge(partition.staticRow, update.staticRow());
        List<RowUpdate> rows = update.rows();
        for (int i = 0; i < rows.size(); i++) applyRow(partition, rows.get(i));
        trackTimestamps(update);
        commitLogLowerBound = Math.min(commitLogLowerBound, commitLogPosition);
        commitLogUpperBound = Math.max(commitLogUpperBound, commitLogPosition);
        return store.appendedBytes() + heapBytes - before;
    }

    /** What the memtable holds of the partition, or null if it holds nothing of it. */
    public PartitionFragment partition(DecoratedKey key) {
        checkUsable();
        MemtablePartition partition = partitions.get(key);
        return partition == null ? null : new MemtableFragment(this, partition);
    }

    /**
     * Partitions in token order, from {@code fromInclusive} (null: the first) up to and including those of
     * {@code lastToken}; for scans (pass the position to resume at) and for flush. Partitions written while
     * the iterator is consumed may or may not be seen.
     */
    public Iterator<PartitionFragment> partitions(DecoratedKey fromInclusive, long lastToken) {
        checkUsable();
        PartitionIndex.Cursor source = partitions.from(fromInclusive);
        return new Iterator<>() {
            private MemtablePartition next;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                checkUsable();
                if (next == null && !exhausted) {
                    if (source.advance() && source.currentLong() <= lastToken) next = PartitionIndex.partitionAt(source);
                    else exhausted = true;
                }
                return next != null;
            }

            @Override
            public PartitionFragment next() {
                if (!hasNext()) throw new NoSuchElementException();
                MemtablePartition partition = next;
                next = null;
                return new MemtableFragment(Memtable.this, partition);
            }
        };
    }

    /** Every partition in token order (a flush). */
    public Iterator<PartitionFragment> partitions() {
        return partitions(null, Long.MAX_VALUE);
    }

    /**
     * Applies an ALTER TABLE: columns absent from the new layout become invisible to reads and flush; a column
     * id dropped earlier and now present again has its old data removed first, so it starts empty.
     */
    public void updateLayout(TableLayout newLayout) {
        checkUsable();
        if (!newLayout.tableId().equals(layout.tableId()))
            throw new IllegalArgumentException("layout of " + newLayout + " given to the memtable of " + layout);
        if (newLayout.clusteringComparator().size() != layout.clusteringComparator().size())
            throw new IllegalArgumentException("the clustering columns of " + layout.qualifiedName() + " cannot change");
        for (ColumnLayout column : layout.columns()) if (!newLayout.hasColumn(column.id())) droppedColumns.add(column.id());
        Set<Integer> readded = new HashSet<>();
        for (int id : droppedColumns) if (newLayout.hasColumn(id)) readded.add(id);
        if (!readded.isEmpty()) {
            removeColumns(id -> !readded.contains(id));
            droppedColumns.removeAll(readded);
        }
        setLayout(newLayout);
    }

    /** Frees the memtable's native memory and index at once; any later read or write fails with IllegalStateException. */
    public void discard() {
        if (discarded) return;
        discarded = true;
        partitions.clear();
        store.close();
        memory.memtableDiscarded(heapBytes);
        heapBytes = 0;
    }

    public TableLayout layout() { return layout; }

    public boolean isDiscarded() { return discarded; }

    public boolean isEmpty() { return partitionCount == 0; }

    /** Partitions held, including those holding only tombstones. */
    public long partitionCount() { return partitionCount; }

    /** Serialized bytes of the latest version of every row, partition keys and range tombstones. */
    public long liveDataSize() { return liveDataSize; }

    /** Serialized bytes of overwritten row versions: garbage held until discard. */
    public long overwrittenBytes() { return overwrittenBytes; }

    /** What the memtable costs the shard now: native slabs taken plus the on-heap index; 0 once discarded. */
    public long ownedBytes() { return store.allocatedBytes() + heapBytes; }

    /** Smallest write or deletion timestamp applied, {@link Long#MAX_VALUE} if none. */
    public long minTimestamp() { return minTimestamp; }

    /** Largest write or deletion timestamp applied, {@link Long#MIN_VALUE} if none. */
    public long maxTimestamp() { return maxTimestamp; }

    /** Smallest commitlog position applied, {@link Long#MAX_VALUE} if none. */
    public long commitLogLowerBound() { return commitLogLowerBound; }

    /** Largest commitlog position applied, {@link Long#MIN_VALUE} if none. */
    public long commitLogUpperBound() { return commitLogUpperBound; }

    /** The row at the address as an on-heap copy, without the cells of columns the layout no longer has. */
    Row readRow(long address) {
        checkUsable();
        Row row = RowSerializer.read(new BufferReader(store.copy(address)), layout.clusteringComparator().size());
        return RowMerger.retainColumns(row, knownColumns);
    }

    void checkUsable() {
        if (discarded) throw new IllegalStateException("the memtable of " + layout.qualifiedName() + " was discarded");
    }

    private void setLayout(TableLayout newLayout) {
        layout = newLayout;
        knownColumns = newLayout::hasColumn;
    }

    private MemtablePartition partitionFor(DecoratedKey key) {
        MemtablePartition partition = partitions.get(key);
        if (partition == null) {
            partition = MemtablePartition.create(key, layout.clusteringComparator());
            long indexBefore = partitions.heapBytes();
            partitions.add(partition);
            partitionCount++;
            liveDataSize += partition.key.length;
            chargeHeap(partition.emptyHeapBytes() + partitions.heapBytes() - indexBefore);
        }
        return partition;
    }

    private void applyRow(MemtablePartition partition, RowUpdate update) {
        Clustering clustering = update.clustering();
        long address = partition.rowAddress(clustering);
        long merged = merge(address, update);
        if (address != MemtablePartition.NO_ROW) partition.repointRow(clustering, merged);
        else if (merged != MemtablePartition.NO_ROW) chargeHeap(partition.addRow(clustering, merged));
    }

    /** Merges the update into the row stored at the address (or none); returns the merged row's address. */
    private long merge(long address, RowUpdate update) {
        Row existing = address == MemtablePartition.NO_ROW ? null : readForMerge(address);
        Row merged = RowMerger.retainColumns(RowMerger.merge(existing, update, layout), knownColumns);
        if (existing == null && merged.isEmpty()) return MemtablePartition.NO_ROW; // only cells of unknown columns
        return replace(address, merged);
    }

    /** Appends the row's new version and accounts the old one (if any) as garbage. */
    private long replace(long oldAddress, Row row) {
        if (oldAddress != MemtablePartition.NO_ROW) {
            int oldLength = store.length(oldAddress);
            liveDataSize -= oldLength;
            overwrittenBytes += oldLength;
        }
        scratch.clear();
        RowSerializer.write(row, scratch);
        int length = scratch.position();
        long address = store.append(scratch.array(), length);
        liveDataSize += length;
        if (scratch.array().length > SCRATCH_KEPT) scratch = new BufferWriter(1024); // do not keep a huge row's buffer
        return address;
    }

    /** The stored row, decoded over native memory: only to build its next version, never handed out. */
    private Row readForMerge(long address) {
        return RowSerializer.read(new BufferReader(store.view(address)), layout.clusteringComparator().size());
    }

    private void addRangeTombstones(MemtablePartition partition, List<RangeTombstone> added) {
        partition.addRangeTombstones(added);
        for (RangeTombstone tombstone : added) {
            chargeHeap(IndexFootprint.rangeTombstone(tombstone));
            scratch.clear();
            DeletionSerializer.write(tombstone, scratch);
            liveDataSize += scratch.position();
        }
    }

    private void removeColumns(IntPredicate keep) {
        PartitionIndex.Cursor cursor = partitions.from(null);
        while (cursor.advance()) PartitionIndex.partitionAt(cursor).replaceRows(address -> retain(address, keep));
    }

    private long retain(long address, IntPredicate keep) {
        Row row = readForMerge(address);
        Row kept = RowMerger.retainColumns(row, keep);
        return kept == row ? address : replace(address, kept);
    }

    /**
     * Counts heap memory kept for this memtable outside it (its storage-attached index terms) in its footprint, so
     * flushes come as early as they would were the memtable itself that much larger; released at {@link #discard}.
     */
    public void chargeHeapAlongside(long bytes) {
        checkUsable();
        chargeHeap(bytes);
    }

    private void chargeHeap(long bytes) {
        heapBytes += bytes;
        memory.charge(bytes);
    }

    private void checkClusterings(PartitionUpdate update) {
        int size = layout.clusteringComparator().size();
        for (RowUpdate row : update.rows()) {
            if (row.clustering().size() != size)
                throw new IllegalArgumentException("row of " + layout.qualifiedName() + " needs " + size
                        + " clustering components, got " + row.clustering().size());
        }
    }

    private void trackTimestamps(PartitionUpdate update) {
        trackDeletion(update.partitionDeletion());
        for (RangeTombstone tombstone : update.rangeTombstones()) trackDeletion(tombstone.deletion());
        if (update.staticRow() != null) trackTimestamps(update.staticRow());
        List<RowUpdate> rows = update.rows();
        for (int i = 0; i < rows.size(); i++) trackTimestamps(rows.get(i));
    }

    private void trackTimestamps(RowUpdate row) {
        if (!row.liveness().isEmpty()) trackTimestamp(row.liveness().timestamp());
        trackDeletion(row.deletion());
        List<Cell> cells = row.cells();
        for (int i = 0; i < cells.size(); i++) trackTimestamp(cells.get(i).timestamp());
        List<ComplexDeletion> complexDeletions = row.complexDeletions();
        for (int i = 0; i < complexDeletions.size(); i++) trackDeletion(complexDeletions.get(i).deletion());
    }

    private void trackDeletion(DeletionTime deletion) {
        if (!deletion.isLive()) trackTimestamp(deletion.markedForDeleteAt());
    }

    private void trackTimestamp(long timestamp) {
        minTimestamp = Math.min(minTimestamp, timestamp);
        maxTimestamp = Math.max(maxTimestamp, timestamp);
    }
}
