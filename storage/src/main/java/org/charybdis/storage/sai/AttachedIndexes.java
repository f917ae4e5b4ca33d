package org.charybdis.storage.sai;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.memtable.Memtable;
import org.charybdis.storage.sstable.AttachedComponents;
import org.charybdis.storage.sstable.AttachedSegments;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.SSTableReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The storage-attached indexes of one table on one shard: the terms of each memtable (added on every write) and
 * of each SSTable (its SAI.db, built when a flush, compaction or scrub writes the SSTable, or later for an index
 * created after it), and the search that unions them. Shard-owned.
 */
public final class AttachedIndexes {
    private static final Segment NONE = Segment.open(new SegmentBuilder(List.of(), 0).body().view());

    private final ClusteringComparator clusterings;
    private List<AttachedIndex> indexes = List.of();
    private final Map<Memtable, MemtableIndex> memtables = new IdentityHashMap<>();
    private final AttachedSegments<Segment> segments = new AttachedSegments<>(new SaiFormat());

    /** The attached indexes of a table whose rows sort by {@code clusterings} (which no ALTER TABLE changes). */
    public AttachedIndexes(ClusteringComparator clusterings) {
        this.clusterings = clusterings;
    }

    /** The indexes to keep from now on (a new or dropped index, an ALTER TABLE). */
    public void define(List<AttachedIndex> next) {
        indexes = List.copyOf(next);
    }

    public boolean isEmpty() {
        return indexes.isEmpty();
    }

    /** Indexes a write applied to {@code memtable}. */
    public void written(Memtable memtable, PartitionUpdate update) {
        if (indexes.isEmpty()) return;
        long bytes = memtables.computeIfAbsent(memtable, m -> new MemtableIndex()).add(indexes, update);
        if (bytes > 0) memtable.chargeHeapAlongside(bytes);
    }

    /** Forgets what no longer serves reads: flushed memtables, SSTables compacted away. */
    public void retain(Collection<Memtable> liveMemtables, Collection<SSTableReader> liveSSTables) {
        memtables.keySet().removeIf(m -> !liveMemtables.contains(m)); // by identity: memtables are equal only to themselves
        segments.retain(liveSSTables);
    }

    /**
     * Writes (or rewrites) the SAI.db of an SSTable with the terms of every index; completes once it is durable and
     * searchable.
     */
    public CompletableFuture<Void> build(SSTableReader sstable, IoClass ioClass) {
        if (indexes.isEmpty()) return CompletableFuture.completedFuture(null);
        return segments.build(sstable, ioClass);
    }

    /**
     * Builds the SAI.db of every live SSTable whose terms lack the index (older than the index, or written before
     * a crash let the node finish its terms), after the builds already asked for.
     */
    public CompletableFuture<Void> buildLacking(UUID index, Supplier<Collection<SSTableReader>> live, IoClass ioClass) {
        return segments.buildLacking(index, live, ioClass);
    }

    /**
     * The rows holding a term of {@code range} in the memtables and SSTables given, from partition {@code from} on
     * (null: all), sorted in table order and distinct. Some may no longer hold it (overwritten, deleted, expired):
     * the caller re-checks each row.
     */
    public CompletableFuture<List<PrimaryKey>> search(UUID index, TermRange range, DecoratedKey from, Collection<Memtable> liveMemtables,
                                                     Collection<SSTableReader> live) {
        List<PrimaryKey> hits = new ArrayList<>();
        for (Memtable memtable : liveMemtables) {
            MemtableIndex terms = memtables.get(memtable);
            if (terms != null) terms.search(index, range, from, hits::add);
        }
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (SSTableReader sstable : live) {
            all = all.thenCompose(ignored -> segments.segment(sstable)).thenAccept(segment -> {
                if (!range.isEmpty()) segment.search(index, range, from, hits::add);
            });
        }
        return all.thenApply(ignored -> {
            hits.sort(PrimaryKey.order(clusterings));
            List<PrimaryKey> distinct = new ArrayList<>(hits.size());
            for (PrimaryKey hit : hits) {
                if (distinct.isEmpty() || !distinct.getLast().equals(hit)) distinct.add(hit);
            }
            return distinct;
        });
    }

    /** SAI.db: the terms of every index, read into the heap. */
    private final class SaiFormat implements AttachedSegments.Format<Segment> {
        @Override
        public String description() { return "storage-attached index terms"; }

        @Override
        public Segment none() { return NONE; }

        @Override
        public CompletableFuture<Segment> load(SSTableReader sstable, IoClass ioClass) {
            return AttachedComponents.read(sstable, Component.SAI, ioClass).thenApply(body -> body == null ? null : Segment.open(body));
        }

        @Override
        public CompletableFuture<Segment> build(SSTableReader sstable, IoClass ioClass) {
            SegmentBuilder builder = new SegmentBuilder(indexes, clusterings.size());
            return AttachedSegments.scanRows(sstable, ioClass, builder::add).thenCompose(ignored -> {
                var body = builder.body();
                return AttachedComponents.write(sstable, Component.SAI, body, ioClass).thenApply(written -> Segment.open(body.copy()));
            });
        }

        @Override
        public boolean covers(Segment segment, UUID index) { return segment.covers(index); }
    }
}
