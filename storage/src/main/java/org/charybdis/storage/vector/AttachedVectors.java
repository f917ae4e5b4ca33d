package org.charybdis.storage.vector;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
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
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The vector indexes of one table on one shard: the vectors of each memtable (added on every write) and the HNSW
 * graphs of each SSTable (its Vector.db, built off the reactor when a flush or compaction writes the SSTable, or later
 * for an index created after it or a file found missing or damaged), and the search that merges them. Shard-owned.
 */
public final class AttachedVectors {
    private static final Logger LOG = LoggerFactory.getLogger(AttachedVectors.class);
    private static final Comparator<VectorCandidate> WORST_FIRST = Comparator.comparingDouble(VectorCandidate::score);

    private final int clusteringSize;
    private List<VectorIndex> indexes = List.of();
    private final Map<Memtable, MemtableVectors> memtables = new IdentityHashMap<>();
    private final Map<SSTableReader, VectorSegment> segments = new IdentityHashMap<>();
    /** The Vector.db being written per SSTable: a second build of the same SSTable waits for it, never writes beside it. */
    private final Map<SSTableReader, CompletableFuture<Void>> writing = new IdentityHashMap<>();
    private CompletableFuture<Void> lackingBuilds = CompletableFuture.completedFuture(null);

    public AttachedVectors(int clusteringSize) {
        this.clusteringSize = clusteringSize;
    }

    /** The indexes to keep from now on (a new or dropped index, an ALTER TABLE). */
    public void define(List<VectorIndex> next) {
        indexes = List.copyOf(next);
    }

    public VectorIndex index(UUID id) {
        for (VectorIndex index : indexes) if (index.id().equals(id)) return index;
        return null;
    }

    /** Keeps a write's vectors with {@code memtable}, charged to it. */
    public void written(Memtable memtable, PartitionUpdate update) {
        if (indexes.isEmpty()) return;
        long bytes = memtables.computeIfAbsent(memtable, m -> new MemtableVectors()).add(indexes, update);
        if (bytes > 0) memtable.chargeHeapAlongside(bytes);
    }

    /** Forgets what no longer serves reads: flushed memtables, SSTables compacted away (their mapping goes with them). */
    public void retain(Collection<Memtable> liveMemtables, Collection<SSTableReader> liveSSTables) {
        memtables.keySet().removeIf(m -> !containsIdentity(liveMemtables, m));
        segments.keySet().removeIf(r -> !containsIdentity(liveSSTables, r));
    }

    /** Writes (or rewrites) the Vector.db of an SSTable with the graph of every index; completes once it is durable and searchable. */
    public CompletableFuture<Void> build(SSTableReader sstable, IoClass ioClass) {
        if (indexes.isEmpty()) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> previous = writing.get(sstable);
        CompletableFuture<Void> built = previous == null ? buildNow(sstable, ioClass)
                : previous.handle((ignored, failure) -> null).thenCompose(ignored -> buildNow(sstable, ioClass));
        writing.put(sstable, built);
        return built.whenComplete((ignored, failure) -> writing.remove(sstable, built));
    }

    private CompletableFuture<Void> buildNow(SSTableReader sstable, IoClass ioClass) {
        VectorSegmentWriter writer = new VectorSegmentWriter(indexes, clusteringSize);
        if (!sstable.ref()) return CompletableFuture.completedFuture(null); // compacted away meanwhile
        PartitionScanner partitions = sstable.scanner(TokenRange.FULL_RING, null, ioClass);
        return AsyncLoop.forEach(partitions::next, (PartitionFragment partition) -> {
            for (Iterator<Row> rows = partition.rows(Slice.ALL, false); rows.hasNext(); ) {
                Row row = rows.next();
                writer.add(partition.key(), row.clustering(), row.cells());
            }
            return CompletableFuture.completedFuture(null);
        }).thenCompose(ignored -> OffReactor.run(writer::body))
                .thenCompose(body -> AttachedComponents.write(sstable, Component.VECTOR, body, ioClass))
                .thenCompose(ignored -> AttachedComponents.map(sstable, Component.VECTOR, ioClass))
                .thenAccept(body -> {
                    if (!sstable.isObsolete()) segments.put(sstable, VectorSegment.open(body));
                })
                .whenComplete((ignored, failure) -> sstable.release());
    }

    /** Builds the Vector.db of every live SSTable that lacks the index's graph (older than the index, missing, damaged). */
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
     * The {@code count} candidates scoring highest against the target among the memtables' vectors and the
     * {@code width} nearest nodes of each SSTable's graph, best first. A row may appear more than once (written
     * again, or in several SSTables): the caller reads each and keeps those that still hold the vector.
     */
    public CompletableFuture<List<VectorCandidate>> search(UUID indexId, float[] target, int count, int width,
                                                           Collection<Memtable> liveMemtables, Collection<SSTableReader> live) {
        VectorIndex index = index(indexId);
        if (index == null) return CompletableFuture.failedFuture(new IllegalStateException("no vector index " + indexId));
        PriorityQueue<VectorCandidate> best = new PriorityQueue<>(WORST_FIRST);
        java.util.function.Consumer<VectorCandidate> keep = candidate -> {
            best.add(candidate);
            if (best.size() > count) best.poll();
        };
        for (Memtable memtable : liveMemtables) {
            MemtableVectors vectors = memtables.get(memtable);
            if (vectors != null) vectors.search(index, target, keep);
        }
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (SSTableReader sstable : live) {
            all = all.thenCompose(ignored -> segment(sstable)).thenAccept(segment -> segment.search(index, target, Math.max(width, count), keep));
        }
        return all.thenApply(ignored -> {
            List<VectorCandidate> out = new ArrayList<>(best);
            out.sort(WORST_FIRST.reversed());
            return out;
        });
    }

    /**
     * The SSTable's graphs, mapped from its Vector.db the first time (none when it has no Vector.db). A damaged
     * Vector.db is built again from the SSTable's data, which has checksums of its own.
     */
    private CompletableFuture<VectorSegment> segment(SSTableReader sstable) {
        VectorSegment known = segments.get(sstable);
        if (known != null) return CompletableFuture.completedFuture(known);
        return AttachedComponents.map(sstable, Component.VECTOR, IoClass.QUERY).thenApply(body -> {
            VectorSegment segment = body == null ? VectorSegment.NONE : VectorSegment.open(body);
            if (!sstable.isObsolete()) segments.putIfAbsent(sstable, segment);
            return segments.getOrDefault(sstable, segment);
        }).exceptionallyCompose(failure -> {
            if (!(AsyncLoop.unwrap(failure) instanceof CorruptDataException corrupt)) return CompletableFuture.failedFuture(failure);
            LOG.warn("Rebuilding the vector index graphs of {}: {}", sstable, corrupt.getMessage());
            return build(sstable, IoClass.COMPACTION).thenApply(ignored -> segments.getOrDefault(sstable, VectorSegment.NONE));
        });
    }

    private static <T> boolean containsIdentity(Collection<T> items, T item) {
        for (T candidate : items) if (candidate == item) return true;
        return false;
    }
}
