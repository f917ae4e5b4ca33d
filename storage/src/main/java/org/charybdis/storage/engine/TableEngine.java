package org.charybdis.storage.engine;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;

import java.util.concurrent.CompletableFuture;

/**
 * One table's storage on one shard. Owned by that shard's thread: no method is thread-safe, none blocks.
 * Every implementation (in-memory, LSM, RocksDB) must give identical results for the same calls; the
 * shared contract is checked by {@code TableEngineModelTest}.
 * <p>
 * Results are lazy: a write applied while a returned iterator is still being consumed may or may not be
 * visible to it, but never breaks it.
 */
public interface TableEngine extends AutoCloseable {
    /** The position of a write that did not go through the commitlog. */
    long NO_COMMITLOG_POSITION = -1;

    TableLayout layout();

    /**
     * Applies an ALTER TABLE. Columns absent from the new layout are dropped: their data is never returned
     * again, even if a later layout adds the same column id back. The clustering shape cannot change.
     */
    void updateLayout(TableLayout newLayout);

    /**
     * Applies one partition's mutation, already recorded in the shard's commitlog at {@code commitLogPosition}
     * ({@link #NO_COMMITLOG_POSITION} when it was not logged). Cells of columns unknown to the layout are
     * ignored (a write racing a DROP).
     */
    void apply(PartitionUpdate update, long commitLogPosition);

    default void apply(PartitionUpdate update) {
        apply(update, NO_COMMITLOG_POSITION);
    }

    /**
     * The partition's live content under the filter, or null if nothing the filter asks for is live.
     * Completes on the calling shard: at once when memory holds the answer, after disk reads otherwise.
     */
    CompletableFuture<PartitionView> read(DecoratedKey key, ReadFilter filter, long nowInSeconds);

    /** Partitions in the range with anything live under the filter, in token order. */
    default PartitionScanner scan(TokenRange range, ReadFilter filter, long nowInSeconds) {
        return scan(range, null, filter, nowInSeconds);
    }

    /** Like {@link #scan(TokenRange, ReadFilter, long)}, starting strictly after {@code after} when not null (paging). */
    PartitionScanner scan(TokenRange range, DecoratedKey after, ReadFilter filter, long nowInSeconds);

    /** Removes all data (TRUNCATE). */
    void truncate();

    Stats stats();

    /** Releases resources; the engine is unusable afterwards. Data stays unless the table is dropped. */
    @Override
    void close();

    /**
     * @param partitionCount partitions stored (including ones holding only tombstones)
     * @param dataSizeBytes  estimate of stored bytes, shadowed data not yet purged included
     */
    record Stats(long partitionCount, long dataSizeBytes) {}
}
