package org.charybdis.storage.attached;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.memtable.Memtable;
import org.charybdis.storage.sstable.SSTableReader;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One kind of index the storage engine keeps beside a table's data on one shard (SAI terms, vector graphs): the
 * indexes defined, what each memtable keeps of the writes it received (charged to the memtable), and each SSTable's
 * attached component ({@link AttachedSegments}). A subclass says what a memtable part and a component are, and
 * searches them. Shard-owned.
 *
 * @param <I> an index definition
 * @param <M> what one memtable keeps
 * @param <S> an SSTable's opened component
 */
public abstract class AttachedIndexKind<I, M extends AttachedIndexKind.MemtablePart<I>, S> {
    /** What one memtable keeps of the writes it received. */
    public interface MemtablePart<I> {
        /** Adds a write's entries for these indexes; returns the heap bytes they take. */
        long add(List<I> indexes, PartitionUpdate update);
    }

    private List<I> indexes = List.of();
    private final Map<Memtable, M> memtables = new IdentityHashMap<>();
    private AttachedSegments<S> segments;

    /** An empty memtable part. */
    protected abstract M newMemtablePart();

    /** How the SSTables' component is built and read; asked once. */
    protected abstract AttachedSegments.Format<S> format();

    /** The indexes to keep from now on (a new or dropped index, an ALTER TABLE). */
    public final void define(List<I> next) {
        indexes = List.copyOf(next);
    }

    /** The indexes defined now: what a component built now holds. */
    protected final List<I> indexes() {
        return indexes;
    }

    public final boolean isEmpty() {
        return indexes.isEmpty();
    }

    /** Keeps what a write applied to {@code memtable} adds to the indexes. */
    public final void written(Memtable memtable, PartitionUpdate update) {
        if (indexes.isEmpty()) return;
        long bytes = memtables.computeIfAbsent(memtable, m -> newMemtablePart()).add(indexes, update);
        if (bytes > 0) memtable.chargeHeapAlongside(bytes);
    }

    /** Forgets what no longer serves reads: flushed memtables, SSTables compacted away. */
    public final void retain(Collection<Memtable> liveMemtables, Collection<SSTableReader> liveSSTables) {
        memtables.keySet().removeIf(m -> !liveMemtables.contains(m)); // by identity: memtables are equal only to themselves
        segments().retain(liveSSTables);
    }

    /** Writes (or rewrites) the component of an SSTable with every index; completes once it is durable and searchable. */
    public final CompletableFuture<Void> build(SSTableReader sstable, IoClass ioClass) {
        if (indexes.isEmpty()) return CompletableFuture.completedFuture(null);
        return segments().build(sstable, ioClass);
    }

    /**
     * Builds the component of every live SSTable that lacks the index (older than the index, or left without its
     * component by a crash), after the builds already asked for.
     */
    public final CompletableFuture<Void> buildLacking(UUID index, Supplier<Collection<SSTableReader>> live, IoClass ioClass) {
        return segments().buildLacking(index, live, ioClass);
    }

    /** What the memtable keeps, or null when it received nothing indexed. */
    protected final M memtablePart(Memtable memtable) {
        return memtables.get(memtable);
    }

    /** The SSTable's component, opened (see {@link AttachedSegments#segment}). */
    protected final CompletableFuture<S> segment(SSTableReader sstable) {
        return segments().segment(sstable);
    }

    private AttachedSegments<S> segments() {
        if (segments == null) segments = new AttachedSegments<>(format());
        return segments;
    }
}
