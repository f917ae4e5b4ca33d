package org.charybdis.storage.lsm;

import org.charybdis.storage.memtable.Memtable;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a memtable's native memory alive while reads use it. A read that waits for the disk, or a scan
 * that spans several tasks, holds the memtables it took rows from; a memtable retired by a flush (or a
 * TRUNCATE) is discarded only once the last of them lets go. Releases are posted as tasks of their own, so a
 * read's caller, which consumes the result in the completing task, is always done with the rows first.
 */
final class MemtableReaders {
    private final LsmShard shard;
    private final Map<Memtable, Integer> readers = new IdentityHashMap<>();
    private final Map<Memtable, Boolean> retired = new IdentityHashMap<>();

    MemtableReaders(LsmShard shard) {
        this.shard = shard;
    }

    void retain(List<Memtable> memtables) {
        for (Memtable m : memtables) readers.merge(m, 1, Integer::sum);
    }

    /** Lets go of the memtables once the current task is over. */
    void releaseLater(List<Memtable> memtables) {
        shard.inStatementGroup(() -> {
            for (Memtable m : memtables) {
                int left = readers.merge(m, -1, Integer::sum);
                if (left > 0) continue;
                readers.remove(m);
                if (retired.remove(m) != null) discard(m);
            }
        });
    }

    /** The memtable serves no new reads; its memory goes as soon as no read holds it. */
    void retire(Memtable memtable) {
        if (readers.containsKey(memtable)) retired.put(memtable, Boolean.TRUE);
        else discard(memtable);
    }

    private void discard(Memtable memtable) {
        memtable.discard();
        shard.memoryReleased();
    }
}
