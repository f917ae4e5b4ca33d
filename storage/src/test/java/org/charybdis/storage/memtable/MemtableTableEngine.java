package org.charybdis.storage.memtable;

import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.read.LivePartitionView;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** A table engine that is one memtable and nothing else, so the engine contract test can check the memtable. */
final class MemtableTableEngine implements TableEngine {
    private final MemtableMemory memory = new MemtableMemory(1L << 30, 8192);
    private Memtable memtable;
    private long commitLogPosition;

    MemtableTableEngine(TableLayout layout) {
        memtable = new Memtable(layout, memory);
    }

    @Override
    public TableLayout layout() { return memtable.layout(); }

    @Override
    public void updateLayout(TableLayout newLayout) { memtable.updateLayout(newLayout); }

    @Override
    public void apply(PartitionUpdate update) { memtable.apply(update, commitLogPosition++); }

    @Override
    public PartitionView read(DecoratedKey key, ReadFilter filter, long nowInSeconds) {
        PartitionFragment fragment = memtable.partition(key);
        return fragment == null ? null : LivePartitionView.of(fragment, memtable.layout(), filter, nowInSeconds);
    }

    @Override
    public Iterator<PartitionView> scan(TokenRange range, DecoratedKey after, ReadFilter filter, long nowInSeconds) {
        if (range.isEmpty()) return Collections.emptyIterator();
        DecoratedKey first = DecoratedKey.minimumFor(range.firstToken());
        boolean resume = after != null && after.compareTo(first) >= 0;
        Iterator<PartitionFragment> fragments = memtable.partitions(resume ? after : first, range.lastToken());
        TableLayout layout = memtable.layout();
        return new Iterator<>() {
            private PartitionView next;

            @Override
            public boolean hasNext() {
                while (next == null && fragments.hasNext()) {
                    PartitionFragment fragment = fragments.next();
                    if (resume && fragment.key().equals(after)) continue;
                    next = LivePartitionView.of(fragment, layout, filter, nowInSeconds);
                }
                return next != null;
            }

            @Override
            public PartitionView next() {
                if (!hasNext()) throw new NoSuchElementException();
                PartitionView view = next;
                next = null;
                return view;
            }
        };
    }

    @Override
    public void truncate() {
        TableLayout layout = memtable.layout();
        memtable.discard();
        memtable = new Memtable(layout, memory);
    }

    @Override
    public Stats stats() { return new Stats(memtable.partitionCount(), memtable.liveDataSize()); }

    @Override
    public void close() { memtable.discard(); }
}
