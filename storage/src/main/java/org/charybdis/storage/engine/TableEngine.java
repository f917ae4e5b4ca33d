package org.charybdis.storage.engine;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.sai.AttachedIndex;
import org.charybdis.storage.vector.VectorCandidate;
import org.charybdis.storage.vector.VectorIndex;
import org.charybdis.storage.sai.PrimaryKey;
import org.charybdis.storage.sai.SearchStart;
import org.charybdis.storage.sai.TermRange;

import java.util.List;
import java.util.UUID;
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

    /**
     * Like {@link #read(DecoratedKey, ReadFilter, long)}, for a caller that needs only the first rows in the filter's
     * order (forward, or backwards when reversed): the engine may stop once it has read what {@code limit} asks for.
     * A view that stopped says so ({@link PartitionView#truncated()}); it then holds at least {@code limit.rows()} rows
     * or rows of at least {@code limit.bytes()} bytes, every row it returns is exactly what a full read returns, and
     * the caller reads the slices after its last row to go on. Engines that hold everything in memory ignore the limit.
     */
    default CompletableFuture<PartitionView> read(DecoratedKey key, ReadFilter filter, long nowInSeconds, ReadLimit limit) {
        return read(key, filter, nowInSeconds);
    }

    /**
     * Like {@link #read(DecoratedKey, ReadFilter, long, ReadLimit)}, recording in {@code trace} what the read touched
     * (memtables, each SSTable read or skipped and why); engines with nothing to tell record nothing.
     */
    default CompletableFuture<PartitionView> read(DecoratedKey key, ReadFilter filter, long nowInSeconds, ReadLimit limit, RequestTrace trace) {
        return read(key, filter, nowInSeconds, limit);
    }

    /** Partitions in the range with anything live under the filter, in token order. */
    default PartitionScanner scan(TokenRange range, ReadFilter filter, long nowInSeconds) {
        return scan(range, null, filter, nowInSeconds);
    }

    /** Like {@link #scan(TokenRange, ReadFilter, long)}, starting strictly after {@code after} when not null (paging). */
    PartitionScanner scan(TokenRange range, DecoratedKey after, ReadFilter filter, long nowInSeconds);

    /** Keeps these storage-attached indexes of the table from now on, replacing the previous list (see storage/sai). */
    default void attachIndexes(List<AttachedIndex> indexes) {}

    /**
     * Gives every memtable (in memory) and SSTable that lacks the attached index its terms: those that received
     * writes before the index was attached.
     */
    default CompletableFuture<Void> buildAttachedIndex(UUID index) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The first {@code limit} rows of the memtables and SSTables that hold a term of {@code range} in the attached
     * index, from where {@code start} says (null: the start; else a later page or round), in table order and distinct
     * (fewer only when there are no more); the caller re-checks each row, which may have been overwritten or deleted
     * since.
     */
    default CompletableFuture<List<PrimaryKey>> searchAttachedIndex(UUID index, TermRange range, SearchStart start, int limit,
                                                                    RequestTrace trace) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "the storage engine of " + layout().qualifiedName() + " keeps no storage-attached indexes"));
    }

    /** Keeps these vector indexes of the table from now on, replacing the previous list (see storage/vector). */
    default void attachVectorIndexes(List<VectorIndex> indexes) {}

    /**
     * Gives every memtable (in memory) and SSTable that lacks the vector index its vectors or graph: those that
     * received writes before the index was attached, and SSTables whose Vector.db is missing or damaged.
     */
    default CompletableFuture<Void> buildVectorIndex(UUID index) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The {@code count} rows whose vectors in the index score highest against the target, among the memtables' vectors
     * and the {@code width} nearest nodes of each SSTable's graph, best first; the caller re-reads each row, which
     * may have been overwritten, deleted or expired since.
     */
    default CompletableFuture<List<VectorCandidate>> searchVectorIndex(UUID index, float[] target, int count, int width, RequestTrace trace) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "the storage engine of " + layout().qualifiedName() + " keeps no vector indexes"));
    }

    /** Removes all data (TRUNCATE); completes once the removal is durable. */
    CompletableFuture<Void> truncate();

    Stats stats();

    /** Writes the memtable out (no-op for engines without one); completes when the data is on disk. */
    default CompletableFuture<Void> flush() {
        return CompletableFuture.completedFuture(null);
    }

    /** Major compaction: every file of the table merged, purgeable tombstones dropped. */
    default CompletableFuture<Void> compact() {
        return CompletableFuture.completedFuture(null);
    }

    /** Reads every SSTable of the table and rewrites or quarantines what is corrupt ({@code charybdis admin scrub}). */
    default CompletableFuture<ScrubResult> scrub(ScrubMode mode) {
        return CompletableFuture.completedFuture(ScrubResult.NONE);
    }

    /**
     * Reads every component of every SSTable and checks its checksums ({@code charybdis admin verify}); corrupt SSTables
     * are quarantined as scrub quarantines them.
     */
    default CompletableFuture<VerifyResult> verify() {
        return CompletableFuture.completedFuture(VerifyResult.NONE);
    }

    /**
     * Compacts SSTables one by one, each alone, dropping what {@code gc_grace_seconds} lets compaction purge: every
     * SSTable ({@code all}: upgradesstables -a, garbagecollect) or only those in an older format version
     * (upgradesstables). Completes with the number of SSTables rewritten.
     */
    default CompletableFuture<Integer> rewriteSSTables(boolean all) {
        return CompletableFuture.completedFuture(0);
    }

    /**
     * Turns the table's background compactions on or off until the node restarts ({@code enable/disableautocompaction});
     * flushes go on, SSTables then pile up, and a major compaction still runs when asked.
     */
    default void autoCompaction(boolean enabled) {}

    /** False while background compactions are turned off by {@link #autoCompaction(boolean)}. */
    default boolean autoCompaction() {
        return true;
    }

    /**
     * Takes the SSTable this file belongs to out of service and moves its files to quarantine once no read uses
     * them ({@code disk_failure_policy: best_effort}); false when no live SSTable of this table owns the file.
     */
    default boolean quarantine(java.nio.file.Path file) {
        return false;
    }

    /** Flushes, then hard-links the table's files under {@code snapshots/<tag>}. */
    default CompletableFuture<Void> snapshot(String tag) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "the storage engine of " + layout().qualifiedName() + " keeps no files to snapshot"));
    }

    /** Releases resources; the engine is unusable afterwards. Data stays unless the table is dropped. */
    @Override
    void close();

    /**
     * @param partitionCount   partitions stored (including ones holding only tombstones; an estimate when on disk)
     * @param dataSizeBytes    estimate of stored bytes, shadowed data not yet purged included
     * @param memtableBytes    memory held by memtables (the active one and those being flushed)
     * @param memtableSwitches memtables flushed since start
     * @param sstableCount     live SSTables
     * @param sstableBytes     bytes on disk of the live SSTables
     * @param pendingFlushes   memtables waiting for or in flush
     * @param pendingCompactions compactions the strategy would run now
     * @param reads            partition reads served since start
     * @param sstablesRead     SSTables those reads touched (sstablesRead / reads: SSTables per read)
     * @param io               bytes and time of the flushes and compactions since start
     */
    record Stats(long partitionCount, long dataSizeBytes, long memtableBytes, long memtableSwitches, int sstableCount,
                 long sstableBytes, int pendingFlushes, int pendingCompactions, long reads, long sstablesRead, BackgroundIo io) {
        public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BackgroundIo.NONE);

        /** An engine that keeps everything in memory. */
        public static Stats inMemory(long partitionCount, long dataSizeBytes) {
            return new Stats(partitionCount, dataSizeBytes, dataSizeBytes, 0, 0, 0, 0, 0, 0, 0, BackgroundIo.NONE);
        }

        /** Two shards' (or tables') figures added up. */
        public Stats plus(Stats o) {
            return new Stats(partitionCount + o.partitionCount, dataSizeBytes + o.dataSizeBytes, memtableBytes + o.memtableBytes,
                    memtableSwitches + o.memtableSwitches, sstableCount + o.sstableCount, sstableBytes + o.sstableBytes,
                    pendingFlushes + o.pendingFlushes, pendingCompactions + o.pendingCompactions, reads + o.reads,
                    sstablesRead + o.sstablesRead, io.plus(o.io));
        }
    }

    /**
     * What flushes and compactions wrote and read, and how long they took (from start to publish, so the
     * rates include waiting for the IO scheduler).
     */
    record BackgroundIo(long flushes, long bytesFlushed, long flushNanos, long compactions, long compactionBytesRead,
                        long compactionBytesWritten, long compactionNanos) {
        public static final BackgroundIo NONE = new BackgroundIo(0, 0, 0, 0, 0, 0, 0);

        public BackgroundIo plus(BackgroundIo o) {
            return new BackgroundIo(flushes + o.flushes, bytesFlushed + o.bytesFlushed, flushNanos + o.flushNanos,
                    compactions + o.compactions, compactionBytesRead + o.compactionBytesRead,
                    compactionBytesWritten + o.compactionBytesWritten, compactionNanos + o.compactionNanos);
        }
    }

    /** This table's latency, SSTables-per-read and partition histograms on this shard (a copy); empty for engines that keep none. */
    default TableHistograms histograms() {
        return TableHistograms.empty();
    }

    /** Starts counting the partitions read and written into {@code sampler}, or stops with null ({@code toppartitions}). */
    default void sample(PartitionSampler sampler) {}

    /** The sampler set by {@link #sample}, or null. */
    default PartitionSampler sampler() {
        return null;
    }

    /** A compaction running now, for {@code compactionstats}. */
    record CompactionProgress(String id, String kind, String keyspace, String table, long bytesDone, long bytesTotal) {}

    /** Stops this table's running compactions (their inputs stay, their outputs go); returns how many. */
    default int stopCompactions() {
        return 0;
    }

    /** Compactions of this table running now. */
    default java.util.List<CompactionProgress> activeCompactions() {
        return java.util.List.of();
    }
}
