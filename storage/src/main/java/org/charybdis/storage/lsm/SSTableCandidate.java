package org.charybdis.storage.lsm;

import org.charybdis.storage.compaction.CompactionCandidate;
import org.charybdis.storage.sstable.SSTableReader;

/** An SSTable as the compaction planner sees it. Equal when it wraps the same reader. */
record SSTableCandidate(SSTableReader reader) implements CompactionCandidate {
    @Override
    public long onDiskSize() { return reader.onDiskSize(); }

    @Override
    public long firstToken() { return reader.firstKey().token(); }

    @Override
    public long lastToken() { return reader.lastKey().token(); }

    @Override
    public long minTimestamp() { return reader.minTimestamp(); }

    @Override
    public long maxTimestamp() { return reader.maxTimestamp(); }

    @Override
    public long maxLocalDeletionTime() { return reader.maxLocalDeletionTime(); }

    @Override
    public long generation() { return reader.generation(); }
}
