package org.charybdis.storage.lsm;

import org.charybdis.storage.sstable.SSTableReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live SSTables of one table on one shard. The list is replaced, never modified, so a read or scan that
 * took it keeps a consistent view while flushes and compactions swap SSTables in and out. The set holds one
 * reference on each reader; removing a reader releases it (and deletes its files when marked obsolete).
 * <p>
 * Closing and deleting files happens later, on an IO thread; the set remembers what it let go of until then, so
 * that a table closed and opened again in one process never lists an SSTable whose files are being deleted.
 */
final class SSTableSet {
    private List<SSTableReader> live = List.of();
    private final Set<CompletableFuture<Void>> closing = ConcurrentHashMap.newKeySet(); // completed on IO threads

    List<SSTableReader> live() { return live; }

    void add(Collection<SSTableReader> added) {
        if (added.isEmpty()) return;
        List<SSTableReader> next = new ArrayList<>(live.size() + added.size());
        next.addAll(live);
        next.addAll(added);
        live = List.copyOf(next);
    }

    /** Swaps compaction inputs for its outputs in one step; the inputs' files go once no read uses them. */
    void replace(Collection<SSTableReader> removed, Collection<SSTableReader> added) {
        List<SSTableReader> next = new ArrayList<>(live.size() + added.size());
        List<SSTableReader> dropped = new ArrayList<>(removed.size());
        for (SSTableReader r : live) {
            if (removed.contains(r)) dropped.add(r);
            else next.add(r);
        }
        next.addAll(added);
        live = List.copyOf(next);
        for (SSTableReader r : dropped) discard(r); // only what the set still held: a TRUNCATE may have emptied it meanwhile
    }

    /** Lets go of a reader whose files are no longer wanted (a compaction input, an output made pointless): they are deleted. */
    void discard(SSTableReader reader) {
        reader.markObsolete();
        letGo(reader);
    }

    /** Completes once every reader the set let go of has closed its files (and deleted or quarantined them). */
    CompletableFuture<Void> closed() {
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).handle((v, e) -> null);
    }

    private void letGo(SSTableReader reader) {
        CompletableFuture<Void> closed = reader.whenClosed();
        closing.add(closed);
        closed.whenComplete((v, e) -> closing.remove(closed));
        reader.release();
    }

    /**
     * Takes a corrupt SSTable out of service: reads and compactions stop seeing it, and its files move to
     * quarantine once no read uses them. False if the set does not hold it (any more).
     */
    boolean quarantine(SSTableReader reader) {
        if (!live.contains(reader)) return false;
        List<SSTableReader> next = new ArrayList<>(live);
        next.remove(reader);
        live = List.copyOf(next);
        reader.markQuarantined();
        letGo(reader);
        return true;
    }

    /** Empties the set; with {@code delete} the files go too (TRUNCATE), otherwise they are only closed. */
    void removeAll(boolean delete) {
        List<SSTableReader> old = live;
        live = List.of();
        for (SSTableReader r : old) {
            if (delete) r.markObsolete();
            letGo(r);
        }
    }
}
