package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.storage.data.ClusteringComparator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What every SSTable of one table on one shard shares: the directory, the table's name (for messages), its
 * clustering order, the shard's IO queue and chunk cache (null: no cache).
 */
public record SSTableContext(Path directory, String table, ClusteringComparator comparator, IoQueue io, ChunkCache chunkCache) {
    public SSTableContext {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(io, "io");
    }

    public SSTableFiles files(long generation) {
        return new SSTableFiles(directory, generation);
    }
}
