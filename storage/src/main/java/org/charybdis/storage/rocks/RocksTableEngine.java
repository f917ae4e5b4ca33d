package org.charybdis.storage.rocks;

import org.charybdis.scheduler.Shard;
import org.charybdis.storage.compaction.Purger;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.EstimatedHistogram;
import org.charybdis.storage.engine.PartitionSampler;
import org.charybdis.storage.engine.PartitionScanner;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableHistograms;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.read.LivePartitionView;
import org.charybdis.storage.serialization.BufferWriter;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * One table on one shard, stored in a RocksDB column family of the shard's instance (see {@link RocksKeys} for the key
 * layout, {@link StoredValues} for the values). Writes go through the shard's commitlog like the default engine's; the
 * RocksDB WAL is off, and each write batch records its commitlog position, so after a crash the replay starts after
 * what RocksDB's flushed files hold.
 * <p>
 * A write reads what it changes and stores the merged result, with what the partition's deletions shadow already
 * removed (a partition or range deletion rewrites the rows it covers). So every key holds a final row and can be
 * purged alone: the compaction filter drops tombstones and expired cells after gc_grace_seconds as the default engine's
 * compactions do, without the partition's other keys.
 * <p>
 * RocksDB's calls block: reads and writes run on the shard's thread (memtables and the block cache serve most of them),
 * flushes, compactions and checkpoints on the instance's worker thread.
 */
public final class RocksTableEngine implements TableEngine {
    private static final byte[] APPLIED = RocksKeys.meta("applied");
    private static final int ROWS_PER_SEEK = 128;

    private final RocksShard shard;
    private final TableLog log;
    private final LongSupplier clock;
    private final java.util.function.Function<String, Path> snapshotDirectory;
    private final ColumnFamilyHandle family;
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    private final ReadOptions readOptions = new ReadOptions();
    private final BufferWriter scratch = new BufferWriter(256);
    private volatile TableLayout layout;
    private volatile RocksKeys keys;
    private final EstimatedHistogram readLatencyMicros = new EstimatedHistogram();
    private final EstimatedHistogram writeLatencyMicros = new EstimatedHistogram();
    private PartitionSampler sampler;
    private long replayedUpTo;
    private long reads;
    private boolean closed;

    /**
     * @param clock             the current second, as purging goes by it
     * @param snapshotDirectory where this shard's files of a snapshot go, by tag (it must not exist yet)
     */
    public RocksTableEngine(RocksShard shard, TableLayout layout, TableLog log, LongSupplier clock,
                            java.util.function.Function<String, Path> snapshotDirectory) {
        this.shard = shard;
        this.layout = layout;
        this.keys = new RocksKeys(layout.clusteringComparator());
        this.log = log;
        this.clock = clock;
        this.snapshotDirectory = snapshotDirectory;
        this.family = shard.open(layout.tableId(), this::purge);
        this.replayedUpTo = StoredValues.position(get(APPLIED));
    }

    /** Commitlog positions up to this one are in RocksDB already: the replay skips them. */
    public long replayedUpTo() { return replayedUpTo; }

    public boolean isClosed() { return closed; }

    @Override
    public TableLayout layout() { return layout; }

    @Override
    public void updateLayout(TableLayout newLayout) {
        checkOpen();
        layout.checkAlteredTo(newLayout);
        keys = new RocksKeys(newLayout.clusteringComparator());
        layout = newLayout; // dropped columns: reads and writes skip them, compactions purge them
    }

    // ---- writes ----

    @Override
    public void apply(PartitionUpdate update, long commitLogPosition) {
        checkOpen();
        long start = System.nanoTime();
        TableLayout current = layout;
        current.checkUpdate(update);
        DecoratedKey key = update.key();
        int clusteringSize = current.clusteringComparator().size();
        Purger shadowing = new Purger(current, clock.getAsLong());
        byte[] headerKey = RocksKeys.header(key);
        byte[] storedHeader = get(headerKey);
        StoredValues.Header before = StoredValues.header(storedHeader, clusteringSize);
        StoredValues.Header header = merge(before, update, shadowing, current);
        try (WriteBatch batch = new WriteBatch()) {
            Set<ByteBuffer> written = new HashSet<>();
            for (RowUpdate rowUpdate : update.rows()) {
                byte[] rowKey = keys.row(key, rowUpdate.clustering());
                byte[] stored = get(rowKey);
                Row merged = RowMerger.merge(stored == null ? null : StoredValues.row(stored, clusteringSize), rowUpdate, current);
                put(batch, rowKey, shadowing.purgeRow(merged, shadowing.covering(merged, header.partitionDeletion(), header.rangeTombstones()),
                        Purger.NOTHING_PURGEABLE));
                written.add(ByteBuffer.wrap(rowKey));
            }
            List<Slice> newlyDeleted = newlyDeleted(before, header);
            for (Slice slice : newlyDeleted) rewriteRows(batch, key, slice, header, shadowing, written);
            byte[] newHeader = header.isEmpty() ? null : StoredValues.header(header, scratch);
            if (newHeader == null && storedHeader != null) batch.delete(family, headerKey);
            else if (newHeader != null && !java.util.Arrays.equals(newHeader, storedHeader)) batch.put(family, headerKey, newHeader);
            if (commitLogPosition != NO_COMMITLOG_POSITION) batch.put(family, APPLIED, StoredValues.position(commitLogPosition));
            shard.db().write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB refused a write to " + current.qualifiedName() + ": " + e.getMessage(), e);
        }
        writeLatencyMicros.add((System.nanoTime() - start) / 1000);
        if (sampler != null) sampler.written(key);
    }

    /** The header after the update: the stronger partition deletion, the range tombstones it does not cover, the static row. */
    private static StoredValues.Header merge(StoredValues.Header before, PartitionUpdate update, Purger shadowing, TableLayout layout) {
        DeletionTime partitionDeletion = DeletionTime.max(before.partitionDeletion(), update.partitionDeletion());
        List<RangeTombstone> tombstones = new ArrayList<>(before.rangeTombstones().size() + update.rangeTombstones().size());
        for (RangeTombstone rt : before.rangeTombstones()) if (!covers(partitionDeletion, rt)) tombstones.add(rt);
        for (RangeTombstone rt : update.rangeTombstones()) if (!covers(partitionDeletion, rt)) tombstones.add(rt);
        Row staticRow = before.staticRow();
        if (update.staticRow() != null) staticRow = RowMerger.merge(staticRow, update.staticRow(), layout);
        if (staticRow != null) staticRow = shadowing.purgeRow(staticRow, partitionDeletion, Purger.NOTHING_PURGEABLE);
        return new StoredValues.Header(partitionDeletion, List.copyOf(tombstones), staticRow);
    }

    private static boolean covers(DeletionTime partitionDeletion, RangeTombstone rt) {
        return !partitionDeletion.isLive() && partitionDeletion.markedForDeleteAt() >= rt.deletion().markedForDeleteAt();
    }

    /** The slices whose stored rows the new header's deletions may shadow: the whole partition, or the new range tombstones. */
    private static List<Slice> newlyDeleted(StoredValues.Header before, StoredValues.Header after) {
        if (!after.partitionDeletion().equals(before.partitionDeletion())) return List.of(Slice.ALL);
        List<Slice> slices = new ArrayList<>();
        for (RangeTombstone rt : after.rangeTombstones()) if (!before.rangeTombstones().contains(rt)) slices.add(rt.slice());
        return slices;
    }

    /** Stores the rows of the slice without what the header's deletions shadow (rows written by this batch are done). */
    private void rewriteRows(WriteBatch batch, DecoratedKey key, Slice slice, StoredValues.Header header, Purger shadowing,
                             Set<ByteBuffer> written) throws RocksDBException {
        int clusteringSize = layout.clusteringComparator().size();
        try (RocksIterator it = shard.db().newIterator(family, readOptions)) {
            byte[] end = keys.bound(key, slice.end());
            for (it.seek(keys.bound(key, slice.start())); it.isValid() && java.util.Arrays.compareUnsigned(it.key(), end) < 0; it.next()) {
                byte[] rowKey = it.key();
                if (written.contains(ByteBuffer.wrap(rowKey))) continue;
                Row row = StoredValues.row(it.value(), clusteringSize);
                Row kept = shadowing.purgeRow(row, shadowing.covering(row, header.partitionDeletion(), header.rangeTombstones()),
                        Purger.NOTHING_PURGEABLE);
                if (kept == null) {
                    batch.delete(family, rowKey);
                } else {
                    byte[] value = StoredValues.row(kept, scratch);
                    if (!java.util.Arrays.equals(value, it.value())) batch.put(family, rowKey, value);
                }
            }
        }
    }

    private void put(WriteBatch batch, byte[] rowKey, Row row) throws RocksDBException {
        if (row == null) batch.delete(family, rowKey);
        else batch.put(family, rowKey, StoredValues.row(row, scratch));
    }

    // ---- reads ----

    @Override
    public CompletableFuture<PartitionView> read(DecoratedKey key, ReadFilter filter, long nowInSeconds) {
        checkOpen();
        TableLayout current = layout;
        filter.validate(current.clusteringComparator());
        long start = System.nanoTime();
        reads++;
        if (sampler != null) sampler.read(key);
        PartitionView view = LivePartitionView.of(partition(key, current), current, filter, nowInSeconds);
        readLatencyMicros.add((System.nanoTime() - start) / 1000); // the header and the first rows: the rest are read as they are walked
        return CompletableFuture.completedFuture(view);
    }

    @Override
    public TableHistograms histograms() {
        return new TableHistograms(readLatencyMicros.copy(), writeLatencyMicros.copy(), new EstimatedHistogram(), new EstimatedHistogram(),
                new EstimatedHistogram());
    }

    @Override
    public void sample(PartitionSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public PartitionSampler sampler() {
        return sampler;
    }

    private RocksPartition partition(DecoratedKey key, TableLayout current) {
        StoredValues.Header header = StoredValues.header(get(RocksKeys.header(key)), current.clusteringComparator().size());
        return new RocksPartition(key, header, this::rows);
    }

    /** Up to {@link #ROWS_PER_SEEK} stored rows of the slice after {@code from} (exclusive; null: from the slice's start). */
    private List<Row> rows(DecoratedKey key, Slice slice, boolean reversed, byte[] from, List<byte[]> rowKeys) {
        checkOpen();
        RocksKeys current = keys;
        int clusteringSize = layout.clusteringComparator().size();
        byte[] start = current.bound(key, slice.start());
        byte[] end = current.bound(key, slice.end());
        List<Row> rows = new ArrayList<>();
        try (RocksIterator it = shard.db().newIterator(family, readOptions)) {
            if (reversed) {
                it.seekForPrev(from != null ? from : end);
                if (from != null && it.isValid() && java.util.Arrays.equals(it.key(), from)) it.prev();
            } else {
                it.seek(from != null ? from : start);
                if (from != null && it.isValid() && java.util.Arrays.equals(it.key(), from)) it.next();
            }
            while (it.isValid() && rows.size() < ROWS_PER_SEEK) {
                byte[] rowKey = it.key();
                if (reversed ? java.util.Arrays.compareUnsigned(rowKey, start) <= 0 : java.util.Arrays.compareUnsigned(rowKey, end) >= 0) break;
                rows.add(StoredValues.row(it.value(), clusteringSize));
                rowKeys.add(rowKey);
                if (reversed) it.prev();
                else it.next();
            }
        }
        return rows;
    }

    @Override
    public PartitionScanner scan(TokenRange range, DecoratedKey after, ReadFilter filter, long nowInSeconds) {
        checkOpen();
        filter.validate(layout.clusteringComparator());
        if (range.isEmpty()) return PartitionScanner.of(java.util.Collections.emptyIterator());
        long lastToken = range.lastToken();
        byte[] first = RocksKeys.tokenStart(range.firstToken());
        byte[][] next = {after != null && after.compareTo(DecoratedKey.minimumFor(range.firstToken())) >= 0 ? RocksKeys.partitionEnd(after) : first};
        return () -> {
            checkOpen();
            TableLayout current = layout;
            while (next[0] != null) {
                DecoratedKey key = firstPartitionFrom(next[0]);
                if (key == null || key.token() > lastToken) {
                    next[0] = null;
                    break;
                }
                next[0] = RocksKeys.partitionEnd(key);
                PartitionView view = LivePartitionView.of(partition(key, current), current, filter, nowInSeconds);
                if (view != null) return CompletableFuture.completedFuture(view);
            }
            return CompletableFuture.completedFuture(null);
        };
    }

    private DecoratedKey firstPartitionFrom(byte[] position) {
        try (RocksIterator it = shard.db().newIterator(family, readOptions)) {
            it.seek(position);
            return it.isValid() && RocksKeys.isData(it.key()) ? RocksKeys.partitionOf(it.key()) : null;
        }
    }

    private byte[] get(byte[] key) {
        try {
            return shard.db().get(family, readOptions, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB failed a read of " + layout.qualifiedName() + ": " + e.getMessage(), e);
        }
    }

    // ---- compaction filter, on RocksDB's threads ----

    /** The key's value without what gc_grace_seconds lets go: null to drop the key, the same array to keep it as it is. */
    private byte[] purge(byte[] key, byte[] value) {
        if (!RocksKeys.isData(key)) return value;
        TableLayout current = layout;
        int clusteringSize = current.clusteringComparator().size();
        Purger purger = new Purger(current, clock.getAsLong());
        if (RocksKeys.isHeader(key)) {
            StoredValues.Header header = StoredValues.header(value, clusteringSize);
            var purged = purger.purge(new RocksPartition(RocksKeys.partitionOf(key), header, null), Long.MAX_VALUE);
            StoredValues.Header kept = new StoredValues.Header(purged.partitionDeletion(), purged.rangeTombstones(), purged.staticRow());
            return kept.isEmpty() ? null : sameOr(value, StoredValues.header(kept, new BufferWriter(value.length)));
        }
        Row row = StoredValues.row(value, clusteringSize);
        Row kept = purger.purgeRow(row, DeletionTime.LIVE, Long.MAX_VALUE);
        return kept == null ? null : sameOr(value, StoredValues.row(kept, new BufferWriter(value.length)));
    }

    /** The stored value itself when the purged one has the same bytes: RocksDB then keeps it untouched. */
    private static byte[] sameOr(byte[] stored, byte[] purged) {
        return java.util.Arrays.equals(stored, purged) ? stored : purged;
    }

    // ---- maintenance ----

    @Override
    public CompletableFuture<Void> truncate() {
        checkOpen();
        long position = log.position();
        try (WriteBatch batch = new WriteBatch()) {
            batch.deleteRange(family, RocksKeys.firstData(), RocksKeys.afterData());
            batch.put(family, APPLIED, StoredValues.position(position));
            shard.db().write(writeOptions, batch);
        } catch (RocksDBException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("RocksDB refused to truncate " + layout.qualifiedName(), e));
        }
        return flush().thenRun(() -> log.flushed(layout.tableId(), position));
    }

    /** Flushes the memtable; then the commitlog segments holding only what was flushed are released. */
    @Override
    public CompletableFuture<Void> flush() {
        checkOpen();
        long position = log.position();
        return onWorker(() -> {
            try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
                shard.db().flush(options, family);
            }
            return null;
        }).thenRun(() -> log.flushed(layout.tableId(), position));
    }

    /** Major compaction: flushes, then compacts every file of the table into the last level, purging what may go. */
    @Override
    public CompletableFuture<Void> compact() {
        return flush().thenCompose(ignored -> onWorker(() -> {
            try (CompactRangeOptions options = new CompactRangeOptions()
                    .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
                shard.db().compactRange(family, null, null, options);
            }
            return null;
        }));
    }

    /**
     * Flushes, then exports the table's RocksDB files (hard links, a RocksDB checkpoint of its column family) into the
     * snapshot's directory for this shard; they can be ingested into a column family again.
     */
    @Override
    public CompletableFuture<Void> snapshot(String tag) {
        Path target = snapshotDirectory.apply(tag);
        return flush().thenCompose(ignored -> onWorker(() -> {
            Files.createDirectories(target.getParent());
            try (org.rocksdb.Checkpoint checkpoint = org.rocksdb.Checkpoint.create(shard.db());
                 var exported = checkpoint.exportColumnFamily(family, target.toString())) {
                return null;
            }
        }));
    }

    @Override
    public Stats stats() {
        if (closed) return Stats.EMPTY;
        // RocksDB's estimate of its keys, less the meta key: rows and partition headers, so partitions of clustered
        // tables count once per row (exact after a major compaction, an estimate before)
        long keys = Math.max(0, property("rocksdb.estimate-num-keys") - 1);
        long memtables = property("rocksdb.cur-size-all-mem-tables");
        long sstBytes = property("rocksdb.live-sst-files-size");
        int sstables = 0;
        for (var level : shard.db().getColumnFamilyMetaData(family).levels()) sstables += level.files().size();
        return new Stats(keys, sstBytes + memtables, memtables, 0, sstables, sstBytes,
                (int) property("rocksdb.num-immutable-mem-table"), (int) Math.min(Integer.MAX_VALUE, property("rocksdb.compaction-pending")),
                reads, 0, shard.events().io(layout.tableId()));
    }

    @Override
    public List<CompactionProgress> activeCompactions() {
        List<CompactionProgress> active = new ArrayList<>();
        for (RocksEvents.Running r : shard.events().running(layout.tableId())) {
            active.add(new CompactionProgress(r.id(), "Compaction", layout.keyspace(), layout.table(), 0, r.bytesTotal()));
        }
        return active;
    }

    private long property(String name) {
        try {
            return shard.db().getLongProperty(family, name);
        } catch (RocksDBException e) {
            return 0;
        }
    }

    private <T> CompletableFuture<T> onWorker(java.util.concurrent.Callable<T> work) {
        return Shard.current() == null ? CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, shard.worker()) : Shard.offload(shard.worker(), work);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        shard.release(layout.tableId());
        writeOptions.close();
        readOptions.close();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("engine of " + layout.qualifiedName() + " is closed");
    }

    @Override
    public String toString() { return "RocksTableEngine(" + layout.qualifiedName() + ")"; }

    /** What a RocksDB table needs of its shard's commitlog. */
    public interface TableLog {
        /** The commitlog's position now: what was logged so far is at or below it. */
        long position();

        /** The table's writes up to the position are in RocksDB's files: its commitlog segments may go. */
        void flushed(java.util.UUID table, long upToPosition);
    }
}
