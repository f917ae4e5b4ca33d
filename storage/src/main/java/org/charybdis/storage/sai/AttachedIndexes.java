package org.charybdis.storage.sai;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.attached.AttachedIndexKind;
import org.charybdis.storage.attached.AttachedSegments;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.memtable.Memtable;
import org.charybdis.storage.sstable.AttachedComponents;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.SSTableReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The storage-attached indexes of one table on one shard: the terms of each memtable (added on every write) and
 * of each SSTable (its SAI.db, built when a flush, compaction or scrub writes the SSTable, or later for an index
 * created after it), and the search that unions them. Shard-owned.
 */
public final class AttachedIndexes extends AttachedIndexKind<AttachedIndex, MemtableIndex, Segment> {
    private static final Segment NONE = Segment.open(new SegmentBuilder(List.of(), 0).body().view());

    private final ClusteringComparator clusterings;

    /** The attached indexes of a table whose rows sort by {@code clusterings} (which no ALTER TABLE changes). */
    public AttachedIndexes(ClusteringComparator clusterings) {
        this.clusterings = clusterings;
    }

    @Override
    protected MemtableIndex newMemtablePart() {
        return new MemtableIndex();
    }

    @Override
    protected AttachedSegments.Format<Segment> format() {
        return new SaiFormat();
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
            MemtableIndex terms = memtablePart(memtable);
            if (terms != null) terms.search(index, range, from, hits::add);
        }
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (SSTableReader sstable : live) {
            all = all.thenCompose(ignored -> segment(sstable)).thenAccept(segment -> {
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
            SegmentBuilder builder = new SegmentBuilder(indexes(), clusterings.size());
            return AttachedSegments.scanRows(sstable, ioClass, builder::add).thenCompose(ignored -> {
                var body = builder.body();
                return AttachedComponents.write(sstable, Component.SAI, body, ioClass).thenApply(written -> Segment.open(body.copy()));
            });
        }

        @Override
        public boolean covers(Segment segment, UUID index) { return segment.covers(index); }
    }
}
