package org.charybdis.storage.lsm;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.compaction.ShardingBoundaries;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.sstable.SSTableReader;
import org.charybdis.storage.sstable.SSTableWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The SSTables one flush or compaction writes: partitions in token order, a new SSTable started at every
 * UCS shard boundary of the token ring (so later compactions of different token ranges never overlap),
 * each published as soon as it is complete.
 */
final class SSTableOutput {
    private final LsmTableEngine table;
    private final ShardingBoundaries.Cursor boundaries;
    private final IoClass ioClass;
    private final long expectedPartitions;
    private final long commitLogUpperBound;
    private final Set<Long> ancestors;
    private final List<SSTableReader> finished = new ArrayList<>();
    private SSTableWriter current;

    SSTableOutput(LsmTableEngine table, ShardingBoundaries boundaries, IoClass ioClass, long expectedPartitions,
                  long commitLogUpperBound, Set<Long> ancestors) {
        this.table = table;
        this.boundaries = boundaries.cursor();
        this.ioClass = ioClass;
        this.expectedPartitions = Math.max(1, expectedPartitions);
        this.commitLogUpperBound = commitLogUpperBound;
        this.ancestors = ancestors;
    }

    /** Writes one partition; the future completes when the next one may be written. */
    CompletableFuture<Void> append(PartitionFragment partition) {
        boolean crossed = boundaries.advance(partition.key().token());
        if (current != null && crossed && current.partitionCount() > 0) {
            SSTableWriter done = current;
            current = null;
            return finishWithIndexes(done).thenCompose(reader -> {
                if (reader != null) finished.add(reader);
                return append(partition);
            });
        }
        if (current == null) {
            return table.newWriter(expectedPartitions, ioClass).thenCompose(writer -> {
                current = writer;
                return writer.append(partition);
            });
        }
        return current.append(partition);
    }

    /** Bytes written so far, for progress reports. */
    long bytesWritten() {
        long bytes = current == null ? 0 : current.bytesWritten();
        for (SSTableReader r : finished) bytes += r.onDiskSize();
        return bytes;
    }

    /** Publishes the last SSTable; completes with every SSTable written. */
    CompletableFuture<List<SSTableReader>> finish() {
        if (current == null || current.partitionCount() == 0) {
            CompletableFuture<Void> dropped = current == null ? CompletableFuture.completedFuture(null) : current.abort();
            current = null;
            return dropped.thenApply(ignored -> List.copyOf(finished));
        }
        SSTableWriter last = current;
        current = null;
        return finishWithIndexes(last).thenApply(reader -> {
            if (reader != null) finished.add(reader); // null: every partition was empty after purging
            return List.copyOf(finished);
        });
    }

    /** Finishes an SSTable and writes its storage-attached index terms and vector graphs before anyone reads it. */
    private CompletableFuture<SSTableReader> finishWithIndexes(SSTableWriter writer) {
        return writer.finish(commitLogUpperBound, ancestors).thenCompose(reader -> reader == null
                ? CompletableFuture.completedFuture(null)
                : table.attachedIndexes().build(reader, ioClass)
                        .thenCompose(ignored -> table.attachedVectors().build(reader, ioClass))
                        .thenApply(ignored -> reader));
    }

    /** Deletes everything written so far (the flush or compaction failed or was made pointless by a TRUNCATE). */
    CompletableFuture<Void> abort() {
        CompletableFuture<Void> writer = current == null ? CompletableFuture.completedFuture(null) : current.abort();
        current = null;
        for (SSTableReader reader : finished) table.sstables().discard(reader);
        finished.clear();
        return writer;
    }
}
