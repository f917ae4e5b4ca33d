package org.charybdis.storage.sai;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.memtable.Memtable;
import org.charybdis.storage.serialization.CorruptDataException;
import org.charybdis.storage.sstable.AttachedComponents;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.PartitionScanner;
import org.charybdis.storage.sstable.SSTableReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
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

    private static final Logger LOG = LoggerFactory.getLogger(AttachedIndexes.class);

    private final ClusteringComparator clusterings;
    /** Table order: token, partition key, clustering. */
    private final Comparator<PrimaryKey> order;
    private List<AttachedIndex> indexes = List.of();
    private final Map<Memtable, MemtableIndex> memtables = new IdentityHashMap<>();
    private final Map<SSTableReader, Segment> segments = new IdentityHashMap<>();
    /** Builds for SSTables lacking an index run one after another. */
    private CompletableFuture<Void> lackingBuilds = CompletableFuture.completedFuture(null);
    /** The SAI.db being written per SSTable: a second build of the same SSTable waits for it, never writes beside it. */
    private final Map<SSTableReader, CompletableFuture<Void>> writing = new IdentityHashMap<>();

    /** The attached indexes of a table whose rows sort by {@code clusterings} (which no ALTER TABLE changes). */
    public AttachedIndexes(ClusteringComparator clusterings) {
        this.clusterings = clusterings;
        this.order = PrimaryKey.order(clusterings);
    }

    /** The indexes to keep from now on (a new or dropped index, an ALTER TABLE). */
    public void define(List<AttachedIndex> next) {
        indexes = List.copyOf(next);
    }

    public boolean isEmpty() {
        return indexes.isEmpty();
    }

    /** Indexes a write about to be applied to {@code memtable}. */
    public void written(Memtable memtable, PartitionUpdate update) {
        if (indexes.isEmpty()) return;
        MemtableIndex.PartitionTerms terms = termsOf(memtable).partition(indexes, update.key());
        terms.partition(update.staticRow() == null ? List.of() : update.staticRow().cells());
        for (RowUpdate row : update.rows()) terms.row(row.clustering(), row.cells());
        if (terms.bytes > 0) memtable.chargeHeapAlongside(terms.bytes);
    }

    /** The terms of the memtable, complete for the current indexes when it is still empty. */
    private MemtableIndex termsOf(Memtable memtable) {
        return memtables.computeIfAbsent(memtable, m -> {
            MemtableIndex terms = new MemtableIndex(order);
            if (m.isEmpty()) terms.markComplete(indexes);
            return terms;
        });
    }

    /**
     * Gives every memtable the terms of {@code index} it lacks (its writes came before the index, or were replayed
     * before the index was known), from its rows, in memory: an index built over a memtable needs no flush.
     */
    public void indexMemtables(UUID index, Collection<Memtable> liveMemtables) {
        for (Memtable memtable : liveMemtables) {
            MemtableIndex terms = termsOf(memtable);
            if (terms.isComplete(index)) continue;
            List<AttachedIndex> lacking = new ArrayList<>();
            for (AttachedIndex attached : indexes) if (!terms.isComplete(attached.id())) lacking.add(attached);
            long bytes = 0;
            for (Iterator<PartitionFragment> partitions = memtable.partitions(); partitions.hasNext(); ) {
                PartitionFragment partition = partitions.next();
                MemtableIndex.PartitionTerms added = terms.partition(lacking, partition.key());
                added.partition(partition.staticRow() == null ? List.of() : partition.staticRow().cells());
                for (Iterator<Row> rows = partition.rows(Slice.ALL, false); rows.hasNext(); ) {
                    Row row = rows.next();
                    added.row(row.clustering(), row.cells());
                }
                bytes += added.bytes;
            }
            terms.markComplete(lacking);
            if (bytes > 0) memtable.chargeHeapAlongside(bytes);
        }
    }

    /** Forgets what no longer serves reads: flushed memtables, SSTables compacted away. */
    public void retain(Collection<Memtable> liveMemtables, Collection<SSTableReader> liveSSTables) {
        memtables.keySet().removeIf(m -> !containsIdentity(liveMemtables, m));
        segments.keySet().removeIf(r -> !containsIdentity(liveSSTables, r));
    }

    /**
     * Writes (or rewrites) the SAI.db of an SSTable with the terms of every index; completes once it is durable and
     * searchable.
     */
    public CompletableFuture<Void> build(SSTableReader sstable, IoClass ioClass) {
        if (indexes.isEmpty()) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> previous = writing.get(sstable);
        CompletableFuture<Void> built = previous == null ? buildNow(sstable, ioClass)
                : previous.handle((ignored, failure) -> null).thenCompose(ignored -> buildNow(sstable, ioClass));
        writing.put(sstable, built);
        return built.whenComplete((ignored, failure) -> writing.remove(sstable, built));
    }

    private CompletableFuture<Void> buildNow(SSTableReader sstable, IoClass ioClass) {
        List<AttachedIndex> building = indexes;
        SegmentBuilder builder = new SegmentBuilder(building, clusterings.size());
        if (!sstable.ref()) return CompletableFuture.completedFuture(null); // compacted away meanwhile
        PartitionScanner partitions = sstable.scanner(TokenRange.FULL_RING, null, ioClass);
        return AsyncLoop.forEach(partitions::next, (PartitionFragment partition) -> {
            builder.partition(partition.key(), partition.staticRow() == null ? List.of() : partition.staticRow().cells());
            for (Iterator<Row> rows = partition.rows(Slice.ALL, false); rows.hasNext(); ) {
                Row row = rows.next();
                builder.row(partition.key(), row.clustering(), row.cells());
            }
            return CompletableFuture.completedFuture(null);
        }).thenCompose(ignored -> AttachedComponents.write(sstable, Component.SAI, builder.body(), ioClass))
                // searched through the file's mapping, as after a restart: the built body leaves the heap
                .thenCompose(ignored -> AttachedComponents.read(sstable, Component.SAI, ioClass))
                .thenAccept(mapped -> segments.put(sstable, Segment.open(mapped)))
                .whenComplete((ignored, failure) -> sstable.release());
    }

    /**
     * Builds the SAI.db of every live SSTable whose terms lack the index (older than the index, or written before
     * a crash let the node finish its terms), after the builds already asked for.
     */
    public CompletableFuture<Void> buildLacking(UUID index, Supplier<Collection<SSTableReader>> live, IoClass ioClass) {
        CompletableFuture<Void> next = lackingBuilds.handle((ignored, failure) -> null)
                .thenCompose(ignored -> lacking(index, live.get()))
                .thenCompose(lacking -> {
                    CompletableFuture<Void> built = CompletableFuture.completedFuture(null);
                    for (SSTableReader sstable : lacking) built = built.thenCompose(x -> build(sstable, ioClass));
                    return built;
                });
        lackingBuilds = next;
        return next;
    }

    private CompletableFuture<List<SSTableReader>> lacking(UUID index, Collection<SSTableReader> live) {
        List<SSTableReader> lacking = new ArrayList<>();
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (SSTableReader sstable : live) {
            all = all.thenCompose(ignored -> segment(sstable)).thenAccept(segment -> {
                if (!segment.covers(index)) lacking.add(sstable);
            });
        }
        return all.thenApply(ignored -> lacking);
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
            MemtableIndex terms = memtables.get(memtable);
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

    /**
     * The SSTable's terms, read from its SAI.db the first time (none when it has no SAI.db). A damaged SAI.db is
     * built again from the SSTable's data, which has checksums of its own.
     */
    private CompletableFuture<Segment> segment(SSTableReader sstable) {
        Segment known = segments.get(sstable);
        if (known != null) return CompletableFuture.completedFuture(known);
        return AttachedComponents.read(sstable, Component.SAI, IoClass.QUERY).thenApply(body -> {
            Segment segment = body == null ? NONE : Segment.open(body);
            if (!sstable.isObsolete()) segments.putIfAbsent(sstable, segment);
            return segments.getOrDefault(sstable, segment);
        }).exceptionallyCompose(failure -> {
            if (!(AsyncLoop.unwrap(failure) instanceof CorruptDataException corrupt)) return CompletableFuture.failedFuture(failure);
            LOG.warn("Rebuilding the storage-attached index terms of {}: {}", sstable, corrupt.getMessage());
            return build(sstable, IoClass.COMPACTION).thenApply(ignored -> segments.getOrDefault(sstable, NONE));
        });
    }

    private static <T> boolean containsIdentity(Collection<T> items, T item) {
        for (T candidate : items) if (candidate == item) return true;
        return false;
    }
}
