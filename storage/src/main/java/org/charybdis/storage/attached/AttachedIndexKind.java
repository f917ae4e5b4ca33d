package org.charybdis.storage.attached;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.memtable.Memtable;
import org.charybdis.storage.sstable.SSTableReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One kind of index the storage engine keeps beside a table's data on one shard (SAI terms, vector graphs): the
 * indexes defined, what each memtable keeps of the rows it holds (charged to the memtable; built in memory for an
 * index defined after the memtable's first write), and each SSTable's attached component ({@link AttachedSegments}).
 * A subclass says what a memtable part and a component are, and searches them. Shard-owned.
 *
 * @param <I> an index definition
 * @param <M> what one memtable keeps
 * @param <S> an SSTable's opened component
 */
public abstract class AttachedIndexKind<I, M extends AttachedIndexKind.MemtablePart<I>, S> {
    /** What one memtable keeps of the rows it holds. */
    public interface MemtablePart<I> {
        /** Where the rows of a write (or of the memtable itself) go to add their entries for these indexes. */
        RowSink adding(List<I> indexes);

        /** The heap bytes the entries take so far. */
        long heapBytes();
    }

    /** A memtable's part, and the indexes it is complete for: those defined before the memtable's first write, or indexed since. */
    private record MemtableEntries<M>(M part, Set<UUID> complete) {}

    private List<I> indexes = List.of();
    private final Map<Memtable, MemtableEntries<M>> memtables = new IdentityHashMap<>();
    private AttachedSegments<S> segments;

    /** An empty memtable part. */
    protected abstract M newMemtablePart();

    /** The id of an index, naming its entries in memtables and components. */
    protected abstract UUID idOf(I index);

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

    /** Keeps what a write about to be applied to {@code memtable} adds to the indexes (before: an empty memtable's entries are complete). */
    public final void written(Memtable memtable, PartitionUpdate update) {
        if (indexes.isEmpty()) return;
        MemtableEntries<M> entries = entriesOf(memtable);
        add(memtable, entries.part(), indexes, sink -> RowSink.feed(update, sink));
    }

    /**
     * Gives every memtable the entries of {@code index} it lacks (its writes came before the index, or were replayed
     * before the index was known), from its rows, in memory: an index built over a memtable needs no flush.
     */
    public final void indexMemtables(UUID index, Collection<Memtable> liveMemtables) {
        for (Memtable memtable : liveMemtables) {
            MemtableEntries<M> entries = entriesOf(memtable);
            if (entries.complete().contains(index)) continue;
            List<I> lacking = new ArrayList<>();
            for (I defined : indexes) if (!entries.complete().contains(idOf(defined))) lacking.add(defined);
            if (lacking.isEmpty()) continue; // not (or no longer) defined
            add(memtable, entries.part(), lacking, sink -> {
                for (Iterator<PartitionFragment> partitions = memtable.partitions(); partitions.hasNext(); ) RowSink.feed(partitions.next(), sink);
            });
            for (I added : lacking) entries.complete().add(idOf(added));
        }
    }

    /** The entries of the memtable, complete for the current indexes when it is still empty. */
    private MemtableEntries<M> entriesOf(Memtable memtable) {
        return memtables.computeIfAbsent(memtable, m -> {
            MemtableEntries<M> entries = new MemtableEntries<>(newMemtablePart(), new HashSet<>());
            if (m.isEmpty()) for (I index : indexes) entries.complete().add(idOf(index));
            return entries;
        });
    }

    /** Hands rows to the part for these indexes, charging the memtable with the heap their entries take. */
    private void add(Memtable memtable, M part, List<I> to, Consumer<RowSink> rows) {
        long before = part.heapBytes();
        rows.accept(part.adding(to));
        long bytes = part.heapBytes() - before;
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
        MemtableEntries<M> entries = memtables.get(memtable);
        return entries == null ? null : entries.part();
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
