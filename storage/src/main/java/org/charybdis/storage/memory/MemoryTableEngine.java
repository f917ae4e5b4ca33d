package org.charybdis.storage.memory;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.PartitionScanner;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.read.LivePartitionView;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A table on one shard held entirely in memory: partitions in token order, each a sorted map of merged
 * rows plus its tombstones. Single-threaded like every engine; no purging, no memory limit (yet).
 */
public final class MemoryTableEngine implements TableEngine {
    private final ConcurrentSkipListMap<DecoratedKey, MemoryPartition> partitions = new ConcurrentSkipListMap<>();
    private TableLayout layout;
    private long partitionCount;
    private long dataSize;
    private boolean closed;

    public MemoryTableEngine(TableLayout layout) {
        this.layout = layout;
    }

    @Override
    public TableLayout layout() { return layout; }

    @Override
    public void updateLayout(TableLayout newLayout) {
        checkOpen();
        layout.checkAlteredTo(newLayout);
        boolean dropsColumns = false;
        for (ColumnLayout column : layout.columns()) dropsColumns |= !newLayout.hasColumn(column.id());
        layout = newLayout;
        if (dropsColumns) {
            // Forget dropped data now, so that a column re-added under the same id starts empty.
            for (MemoryPartition partition : partitions.values()) dataSize += partition.retainColumns(newLayout::hasColumn);
        }
    }

    @Override
    public void apply(PartitionUpdate update, long commitLogPosition) {
        checkOpen();
        layout.checkUpdate(update);
        MemoryPartition partition = partitions.get(update.key());
        if (partition == null) {
            partition = new MemoryPartition(update.key(), layout);
            partitions.put(update.key(), partition);
            partitionCount++;
            dataSize += partition.dataSize();
        }
        dataSize += partition.apply(update, layout);
    }

    @Override
    public CompletableFuture<PartitionView> read(DecoratedKey key, ReadFilter filter, long nowInSeconds) {
        checkOpen();
        filter.validate(layout.clusteringComparator());
        MemoryPartition partition = partitions.get(key);
        return CompletableFuture.completedFuture(partition == null ? null : LivePartitionView.of(partition, layout, filter, nowInSeconds));
    }

    @Override
    public PartitionScanner scan(TokenRange range, DecoratedKey after, ReadFilter filter, long nowInSeconds) {
        checkOpen();
        filter.validate(layout.clusteringComparator());
        if (range.isEmpty()) return PartitionScanner.of(Collections.emptyIterator());
        long lastToken = range.lastToken();
        DecoratedKey first = DecoratedKey.minimumFor(range.firstToken());
        Iterator<MemoryPartition> candidates = after != null && after.compareTo(first) >= 0
                ? partitions.tailMap(after, false).values().iterator()
                : partitions.tailMap(first, true).values().iterator();
        TableLayout readLayout = layout;
        return PartitionScanner.of(new Iterator<>() {
            private PartitionView next;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                while (next == null && !exhausted) {
                    if (!candidates.hasNext()) { exhausted = true; break; }
                    MemoryPartition partition = candidates.next();
                    if (partition.key().token() > lastToken) { exhausted = true; break; }
                    next = LivePartitionView.of(partition, readLayout, filter, nowInSeconds);
                }
                return next != null;
            }

            @Override
            public PartitionView next() {
                if (!hasNext()) throw new NoSuchElementException();
                PartitionView view = next;
                next = null;
                return view;
            }
        });
    }

    @Override
    public CompletableFuture<Void> truncate() {
        checkOpen();
        partitions.clear();
        partitionCount = 0;
        dataSize = 0;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Stats stats() {
        return Stats.inMemory(partitionCount, dataSize);
    }

    @Override
    public void close() {
        closed = true;
        partitions.clear();
        partitionCount = 0;
        dataSize = 0;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("engine of " + layout.qualifiedName() + " is closed");
    }
}
