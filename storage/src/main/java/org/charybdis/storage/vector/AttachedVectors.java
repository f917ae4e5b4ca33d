package org.charybdis.storage.vector;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.attached.AttachedIndexKind;
import org.charybdis.storage.attached.AttachedSegments;
import org.charybdis.storage.memtable.Memtable;
import org.charybdis.storage.sstable.AttachedComponents;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.SSTableReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The vector indexes of one table on one shard: the vectors of each memtable (added on every write, or from its rows
 * for an index defined after its first write) and the HNSW graphs of each SSTable (its Vector.db, built off the
 * reactor when a flush or compaction writes the SSTable, or later for an index created after it or a file found
 * missing or damaged), and the search that merges them. Shard-owned.
 */
public final class AttachedVectors extends AttachedIndexKind<VectorIndex, MemtableVectors, VectorSegment> {
    /** Lower scores first; among equal scores, later partitions first, so that the best come out in token order. */
    private static final Comparator<VectorCandidate> WORST_FIRST = Comparator.comparingDouble(VectorCandidate::score)
            .thenComparing((a, b) -> b.row().partition().compareTo(a.row().partition()));

    private final int clusteringSize;

    public AttachedVectors(int clusteringSize) {
        this.clusteringSize = clusteringSize;
    }

    @Override
    protected MemtableVectors newMemtablePart() {
        return new MemtableVectors();
    }

    @Override
    protected UUID idOf(VectorIndex index) {
        return index.id();
    }

    @Override
    protected AttachedSegments.Format<VectorSegment> format() {
        return new VectorFormat();
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
        Consumer<VectorCandidate> keep = candidate -> {
            best.add(candidate);
            if (best.size() > count) best.poll();
        };
        for (Memtable memtable : liveMemtables) {
            MemtableVectors vectors = memtablePart(memtable);
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

    private VectorIndex index(UUID id) {
        for (VectorIndex index : indexes()) if (index.id().equals(id)) return index;
        return null;
    }

    /** Vector.db: the graph of every index, memory-mapped; built off the reactor (minutes for millions of vectors). */
    private final class VectorFormat implements AttachedSegments.Format<VectorSegment> {
        @Override
        public String description() { return "vector index graphs"; }

        @Override
        public VectorSegment none() { return VectorSegment.NONE; }

        @Override
        public CompletableFuture<VectorSegment> load(SSTableReader sstable, IoClass ioClass) {
            return AttachedComponents.read(sstable, Component.VECTOR, ioClass).thenApply(body -> body == null ? null : VectorSegment.open(body));
        }

        @Override
        public CompletableFuture<VectorSegment> build(SSTableReader sstable, IoClass ioClass) {
            VectorSegmentWriter writer = new VectorSegmentWriter(indexes(), clusteringSize);
            return AttachedSegments.scanRows(sstable, ioClass, writer::add)
                    .thenCompose(ignored -> OffReactor.run(writer::body))
                    .thenCompose(body -> AttachedComponents.write(sstable, Component.VECTOR, body, ioClass))
                    .thenCompose(ignored -> load(sstable, ioClass));
        }

        @Override
        public boolean covers(VectorSegment segment, UUID index) { return segment.covers(index); }
    }
}
