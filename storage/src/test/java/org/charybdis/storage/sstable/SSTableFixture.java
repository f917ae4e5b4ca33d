package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.engine.TestTables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Writes test SSTables of {@link TestTables}' table through a real shard. */
final class SSTableFixture {
    final OnShard shard;
    final SSTableContext context;

    SSTableFixture(OnShard shard, Path directory, ChunkCache cache) {
        this.shard = shard;
        this.context = new SSTableContext(directory, "ks.t", TestTables.comparator(), shard.io(), cache);
    }

    SSTableReader write(long generation, CompressionParams compression, List<? extends PartitionFragment> partitions) {
        return write(generation, compression, partitions, 0, Set.of());
    }

    SSTableReader write(long generation, CompressionParams compression, List<? extends PartitionFragment> partitions,
                        long commitLogUpperBound, Set<Long> ancestors) {
        List<PartitionFragment> sorted = new ArrayList<>(partitions);
        sorted.sort(Comparator.comparing(PartitionFragment::key));
        return shard.call(() -> SSTableWriter.create(context, generation, compression, 0.01, sorted.size(), IoClass.MEMTABLE_FLUSH)
                .thenCompose(writer -> appendAll(writer, sorted, 0).thenCompose(v -> writer.finish(commitLogUpperBound, ancestors))));
    }

    static CompletableFuture<Void> appendAll(SSTableWriter writer, List<PartitionFragment> partitions, int from) {
        for (int i = from; i < partitions.size(); i++) {
            CompletableFuture<Void> appended = writer.append(partitions.get(i));
            if (!appended.isDone() || appended.isCompletedExceptionally()) {
                int next = i + 1;
                return appended.thenCompose(v -> appendAll(writer, partitions, next));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    SSTableReader open(long generation) {
        return shard.call(() -> SSTableReader.open(context, generation, IoClass.QUERY));
    }

    List<PartitionFragment> scan(SSTableReader reader, org.charybdis.storage.dht.TokenRange range,
                                 org.charybdis.storage.dht.DecoratedKey after) {
        PartitionScanner scanner = shard.get(() -> reader.scanner(range, after, IoClass.COMPACTION));
        List<PartitionFragment> out = new ArrayList<>();
        while (true) {
            PartitionFragment next = shard.call(scanner::next);
            if (next == null) return out;
            out.add(next);
        }
    }
}
