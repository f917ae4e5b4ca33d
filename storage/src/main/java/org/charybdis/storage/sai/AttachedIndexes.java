package org.charybdis.storage.sai;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.attached.AttachedIndexKind;
import org.charybdis.storage.attached.AttachedSegments;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.memtable.Memtable;
import org.charybdis.storage.sstable.AttachedComponents;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.SSTableReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The storage-attached indexes of one table on one shard: the terms of each memtable (added on every write, or from
 * its rows for an index defined after its first write) and of each SSTable (its SAI.db, built when a flush,
 * compaction or scrub writes the SSTable, or later for an index created after it), and the search that merges them.
 * Shard-owned.
 */
public final class AttachedIndexes extends AttachedIndexKind<AttachedIndex, MemtableIndex, Segment> {
    private static final Segment NONE = Segment.open(new SegmentBuilder(List.of(), 0).body().view());

    private final ClusteringComparator clusterings;
    /** Table order: token, partition key, clustering. */
    private final Comparator<PrimaryKey> order;

    /** The attached indexes of a table whose rows sort by {@code clusterings} (which no ALTER TABLE changes). */
    public AttachedIndexes(ClusteringComparator clusterings) {
        this.clusterings = clusterings;
        this.order = PrimaryKey.order(clusterings);
    }

    @Override
    protected MemtableIndex newMemtablePart() {
        return new MemtableIndex(order);
    }

    @Override
    protected UUID idOf(AttachedIndex index) {
        return index.id();
    }

    @Override
    protected AttachedSegments.Format<Segment> format() {
        return new SaiFormat();
    }

    /**
     * The first {@code limit} rows holding a term of {@code range} in the memtables and SSTables given, from the first
     * one {@code start} admits (null: from the start), in table order and distinct; fewer only when there are no more.
     * Each source is read lazily in table order and the sources are merged, so a search costs what it returns (plus
     * skipping to {@code start}), not every match. Some rows may no longer hold the term (overwritten, deleted,
     * expired): the caller re-checks each row.
     */
    public CompletableFuture<List<PrimaryKey>> search(UUID index, TermRange range, SearchStart start, int limit,
                                                     Collection<Memtable> liveMemtables, Collection<SSTableReader> live) {
        List<Iterator<PrimaryKey>> sources = new ArrayList<>();
        for (Memtable memtable : liveMemtables) {
            MemtableIndex terms = memtablePart(memtable);
            if (terms != null) sources.add(terms.search(index, range, start));
        }
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (SSTableReader sstable : live) {
            all = all.thenCompose(ignored -> segment(sstable)).thenAccept(segment -> sources.add(segment.search(index, range, start, order)));
        }
        return all.thenApply(ignored -> {
            List<PrimaryKey> hits = new ArrayList<>(Math.min(limit, 1024));
            for (Iterator<PrimaryKey> merged = new MergedHits(sources, order); hits.size() < limit && merged.hasNext(); ) hits.add(merged.next());
            return hits;
        });
    }

    /** SAI.db: the terms of every index, memory-mapped. */
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
            return AttachedSegments.scanRows(sstable, ioClass, builder)
                    .thenCompose(ignored -> AttachedComponents.write(sstable, Component.SAI, builder.body(), ioClass))
                    // searched through the file's mapping, as after a restart: the built body leaves the heap
                    .thenCompose(ignored -> load(sstable, ioClass));
        }

        @Override
        public boolean covers(Segment segment, UUID index) { return segment.covers(index); }
    }
}
