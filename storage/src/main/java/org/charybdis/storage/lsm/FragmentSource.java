package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.sstable.PartitionScanner;
import org.charybdis.storage.sstable.SSTableReader;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

/** Partitions of one source (a memtable, an SSTable) in token order, as the merges below consume them. */
interface FragmentSource {
    /** The next partition, or null at the end; called again only once the previous future completed. */
    CompletableFuture<PartitionFragment> next();

    /** Releases what the source holds. */
    void close();

    static FragmentSource of(Iterator<PartitionFragment> partitions) {
        return new FragmentSource() {
            @Override
            public CompletableFuture<PartitionFragment> next() {
                return CompletableFuture.completedFuture(partitions.hasNext() ? partitions.next() : null);
            }

            @Override
            public void close() {}
        };
    }

    /** An SSTable's scanner; the reader's reference (taken by the caller) is released on close. */
    static FragmentSource of(SSTableReader reader, PartitionScanner scanner) {
        return new FragmentSource() {
            private boolean closed;

            @Override
            public CompletableFuture<PartitionFragment> next() {
                return scanner.next();
            }

            @Override
            public void close() {
                if (closed) return;
                closed = true;
                reader.release();
            }
        };
    }
}
