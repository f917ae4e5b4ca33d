package org.charybdis.storage.engine;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The partitions of a token range with live data, in token order, produced one at a time: a partition held
 * in memory comes back at once, one on disk when its blocks have been read (on the calling shard).
 * Owned by one shard thread; call {@link #next()} again only after the previous future completed.
 */
public interface PartitionScanner extends AutoCloseable {
    /** The next partition, or null once the range is exhausted. */
    CompletableFuture<PartitionView> next();

    /**
     * Like {@link #next()}, for a caller that needs only the partition's first rows: as with
     * {@link TableEngine#read(org.charybdis.storage.dht.DecoratedKey, ReadFilter, long, ReadLimit)}, a large partition
     * on disk may come back truncated after what {@code limit} asks for, and the caller reads it on by key.
     */
    default CompletableFuture<PartitionView> next(ReadLimit limit) {
        return next();
    }

    /** Releases what the scan holds (SSTable references); safe to call more than once. */
    @Override
    default void close() {}

    /**
     * Hands every remaining partition to the consumer, then closes the scanner. Loops without recursion
     * while partitions come back at once; completes on the calling shard.
     */
    default CompletableFuture<Void> forEachRemaining(Consumer<PartitionView> consumer) {
        return AsyncLoop.forEach(this::next, view -> {
            consumer.accept(view);
            return CompletableFuture.<Void>completedFuture(null);
        }).whenComplete((ignored, failure) -> close());
    }

    /** A scanner over partitions already at hand. */
    static PartitionScanner of(Iterator<PartitionView> partitions) {
        return () -> CompletableFuture.completedFuture(partitions.hasNext() ? partitions.next() : null);
    }
}
