package org.charybdis.storage.lsm;

import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.EstimatedHistogram;
import org.charybdis.storage.engine.PartitionSampler;
import org.charybdis.storage.engine.TableHistograms;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.compaction.CompactionOptions;
import org.charybdis.storage.compaction.UnifiedCompactionPlanner;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.PartitionScanner;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ReadLimit;
import org.charybdis.storage.engine.RequestTrace;
import org.charybdis.storage.engine.ScrubMode;
import org.charybdis.storage.engine.ScrubResult;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.VerifyResult;
import org.charybdis.storage.attached.AttachedIndexKind;
import org.charybdis.storage.memtable.Memtable;
import org.charybdis.storage.sai.AttachedIndex;
import org.charybdis.storage.sai.AttachedIndexes;
import org.charybdis.storage.vector.AttachedVectors;
import org.charybdis.storage.vector.VectorCandidate;
import org.charybdis.storage.vector.VectorIndex;
import org.charybdis.storage.sai.PrimaryKey;
import org.charybdis.storage.sai.SearchStart;
import org.charybdis.storage.sai.TermRange;
import org.charybdis.storage.read.LivePartitionView;
import org.charybdis.storage.read.MergedFragment;
import org.charybdis.storage.sstable.CompressionParams;
import org.charybdis.storage.sstable.ChunkCacheUse;
import org.charybdis.storage.sstable.PartitionCursor;
import org.charybdis.storage.sstable.UnloadedPartition;
import org.charybdis.storage.sstable.SSTableContext;
import org.charybdis.storage.sstable.SSTableFiles;
import org.charybdis.storage.sstable.SSTableReader;
import org.charybdis.storage.sstable.SSTableWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One table on one shard in the LSM engine: an active memtable taking writes, memtables being flushed, and
 * the live SSTables. Reads merge all of them cell by cell; flushes turn memtables into SSTables without
 * stopping writes; Unified Compaction merges SSTables in the background. Owned by the shard's thread.
 */
final class LsmTableEngine implements TableEngine {
    private final LsmShard shard;
    private final Path directory;
    private final TableFiles files;
    private TableLayout layout;
    private SSTableContext context;
    private CompressionParams compression;
    private UnifiedCompactionPlanner planner;
    private Memtable active;
    private final List<Memtable> flushing = new ArrayList<>();
    private final MemtableFlushes flushes;
    private final TableCompactions compactions;
    private final SSTableSet sstables = new SSTableSet();
    private final AttachedIndexes attachedIndexes;
    private final AttachedVectors attachedVectors;
    private final MemtableReaders memtableReaders;
    private boolean closed;
    private long reads;
    private long sstablesRead;
    private final EstimatedHistogram readLatencyMicros = new EstimatedHistogram();
    private final EstimatedHistogram writeLatencyMicros = new EstimatedHistogram();
    private final EstimatedHistogram sstablesPerRead = new EstimatedHistogram();
    /** Set only while toppartitions samples this table. */
    private PartitionSampler sampler;

    LsmTableEngine(LsmShard shard, TableLayout layout, Path directory) {
        this.shard = shard;
        this.directory = directory;
        this.layout = layout;
        this.attachedIndexes = new AttachedIndexes(layout.clusteringComparator());
        this.attachedVectors = new AttachedVectors(layout.clusteringComparator().size());
        this.context = new SSTableContext(directory, layout.qualifiedName(), layout.clusteringComparator(), shard.io(), shard.chunkCache());
        applyOptions(layout);
        this.active = new Memtable(layout, shard.memory());
        this.files = new TableFiles(this, directory, shard.io());
        this.memtableReaders = new MemtableReaders(shard);
        this.flushes = new MemtableFlushes(this);
        this.compactions = new TableCompactions(this);
    }

    /** Opens the SSTables on disk; reads wait for it. */
    CompletableFuture<Void> open() {
        return files.open();
    }

    @Override
    public TableLayout layout() { return layout; }

    @Override
    public void updateLayout(TableLayout newLayout) {
        checkOpen();
        layout.checkAlteredTo(newLayout);
        boolean optionsChanged = !newLayout.storageParams().equals(layout.storageParams());
        applyOptions(newLayout);
        layout = newLayout;
        context = new SSTableContext(directory, layout.qualifiedName(), layout.clusteringComparator(), shard.io(), shard.chunkCache());
        active.updateLayout(newLayout);
        for (Memtable m : flushing) m.updateLayout(newLayout);
        if (optionsChanged) compactions.request();
    }

    /** Parses the table's compaction and compression options; they were validated when the schema changed. */
    private void applyOptions(TableLayout newLayout) {
        this.planner = new UnifiedCompactionPlanner(CompactionOptions.parse(newLayout.storageParams().compaction()));
        this.compression = CompressionParams.fromOptions(newLayout.storageParams().compression());
    }

    @Override
    public void apply(PartitionUpdate update, long commitLogPosition) {
        checkOpen();
        layout.checkUpdate(update);
        long start = System.nanoTime();
        // first: an empty memtable's index entries are complete
        attachedIndexes.written(active, update);
        attachedVectors.written(active, update);
        active.apply(update, commitLogPosition);
        writeLatencyMicros.add((System.nanoTime() - start) / 1000);
        if (sampler != null) sampler.written(update.key());
        shard.afterWrite();
    }

    @Override
    public CompletableFuture<PartitionView> read(DecoratedKey key, ReadFilter filter, long nowInSeconds) {
        return read(key, filter, nowInSeconds, ReadLimit.NONE);
    }

    /**
     * Reads the memtables and every SSTable that may hold the key, except those older than what the memtables hold of
     * a single-row partition ({@link NewerInMemtables}); the SSTables' rows stream into the merge a few row index
     * blocks at a time, and the read stops at the limit ({@link PartitionRead}).
     */
    @Override
    public CompletableFuture<PartitionView> read(DecoratedKey key, ReadFilter filter, long nowInSeconds, ReadLimit limit) {
        return read(key, filter, nowInSeconds, limit, RequestTrace.NONE);
    }

    /** As above; a traced read tells which memtables and SSTables it read, which it skipped and why. */
    @Override
    public CompletableFuture<PartitionView> read(DecoratedKey key, ReadFilter filter, long nowInSeconds, ReadLimit limit, RequestTrace trace) {
        checkOpen();
        filter.validate(layout.clusteringComparator());
        if (!files.ready().isDone() || files.unreadable() != null) {
            return files.ready().thenCompose(ignored -> {
                if (files.unreadable() != null) return CompletableFuture.failedFuture(files.unreadable());
                return read(key, filter, nowInSeconds, limit, trace);
            });
        }
        long start = System.nanoTime();
        if (sampler != null) sampler.read(key);
        TableLayout readLayout = layout;
        List<PartitionFragment> fragments = new ArrayList<>(4);
        List<Memtable> memtables = liveMemtables();
        for (Memtable m : memtables) {
            PartitionFragment f = m.partition(key);
            if (f != null) fragments.add(f);
        }
        if (trace.enabled()) trace.event(fragments.isEmpty() ? "No memtable holds the partition" : "Merging memtable contents");
        reads++;
        List<SSTableReader> touched = new ArrayList<>(4);
        List<Slice> concerned = filter.fetchStatic() ? List.of(Slice.ALL) : filter.slices();
        long cutoff = Long.MIN_VALUE; // SSTables older than what the memtables hold of every fetched column are not read
        boolean cutoffKnown = fragments.isEmpty(); // worked out at the first SSTable that may hold the key
        for (SSTableReader sstable : sstables.live()) {
            if (!sstable.mightContain(key)) {
                if (trace.enabled()) trace.event("Skipped SSTable " + sstable.generation() + " by bloom filter or key bounds");
                continue;
            }
            if (!sstable.mayIntersect(concerned)) {
                if (trace.enabled()) trace.event("Skipped SSTable " + sstable.generation() + ": no rows in the queried slices");
                continue;
            }
            if (!cutoffKnown) {
                cutoff = NewerInMemtables.cutoff(fragments, readLayout, filter, nowInSeconds);
                cutoffKnown = true;
            }
            if (sstable.maxTimestamp() < cutoff) {
                if (trace.enabled()) trace.event("Skipped SSTable " + sstable.generation() + ": older than the memtables' data");
            } else if (sstable.ref()) {
                touched.add(sstable);
            }
        }
        sstablesPerRead.add(touched.size());
        if (touched.isEmpty()) {
            if (trace.enabled()) trace.event("Merged data from memtables and 0 SSTables");
            PartitionView view = resolve(fragments, readLayout, filter, nowInSeconds);
            readLatencyMicros.add((System.nanoTime() - start) / 1000);
            return CompletableFuture.completedFuture(view);
        }
        sstablesRead += touched.size();
        memtableReaders.retain(memtables); // a flush may retire them while the disk answers
        IoClass ioClass = IoClass.ofCurrentGroup(IoClass.QUERY); // the reading service level's share of the disk
        return readSSTables(touched, fragments, readLayout, key, filter, nowInSeconds, limit, ioClass, trace).whenComplete((v, e) -> {
            for (SSTableReader sstable : touched) sstable.release();
            memtableReaders.releaseLater(memtables);
            readLatencyMicros.add((System.nanoTime() - start) / 1000);
        });
    }

    private static CompletableFuture<PartitionView> readSSTables(List<SSTableReader> sstables, List<PartitionFragment> fragments, TableLayout layout,
                                                                 DecoratedKey key, ReadFilter filter, long now, ReadLimit limit, IoClass ioClass,
                                                                 RequestTrace trace) {
        List<CompletableFuture<PartitionCursor>> opened = new ArrayList<>(sstables.size());
        for (SSTableReader sstable : sstables) {
            long start = trace.enabled() ? System.nanoTime() : 0;
            if (trace.enabled()) trace.event("Reading SSTable " + sstable.generation());
            ChunkCacheUse cacheUse = trace.enabled() ? new ChunkCacheUse() : null;
            CompletableFuture<PartitionCursor> open = started(() -> sstable.openPartition(key, filter.slices(), filter.reversed(), ioClass, cacheUse));
            opened.add(trace.enabled() ? traced(open, sstable, start, cacheUse, trace) : open);
        }
        return CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
            List<PartitionCursor> cursors = new ArrayList<>(opened.size());
            for (CompletableFuture<PartitionCursor> c : opened) if (c.join() != null) cursors.add(c.join());
            if (trace.enabled()) trace.event("Merged data from memtables and " + cursors.size() + " SSTables");
            if (cursors.isEmpty()) return CompletableFuture.completedFuture(resolve(fragments, layout, filter, now));
            return PartitionRead.run(fragments, cursors, layout, filter, limit, now);
        });
    }

    /**
     * Records the SSTable's read: whether its index found the partition, what its index span and header chunks found in
     * the chunk cache, and, for what it did not, whether the page cache answered at once or the disk was read, and how
     * long that took.
     */
    private static CompletableFuture<PartitionCursor> traced(CompletableFuture<PartitionCursor> open, SSTableReader sstable, long start,
                                                             ChunkCacheUse cacheUse, RequestTrace trace) {
        boolean inMemory = open.isDone();
        return open.whenComplete((cursor, failure) -> {
            String source = cacheUse.allHits() ? cacheUse.toString()
                    : cacheUse + (inMemory ? ", read from the page cache" : ", read from disk in " + (System.nanoTime() - start) / 1000 + " µs");
            if (failure != null) trace.event("Reading SSTable " + sstable.generation() + " failed (" + source + "): " + failure);
            else if (cursor == null) trace.event("Partition not in SSTable " + sstable.generation() + " (" + source + ")");
            else trace.event("Partition found in SSTable " + sstable.generation() + " (" + source + ")");
        });
    }

    /**
     * What the call returns, or a failed future when it throws (a corrupt index span found in the cache): every SSTable
     * read then completes before the read's references on the SSTables and memtables are released.
     */
    private static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static PartitionView resolve(List<PartitionFragment> fragments, TableLayout layout, ReadFilter filter, long now) {
        if (fragments.isEmpty()) return null;
        return LivePartitionView.of(MergedFragment.of(fragments, layout.clusteringComparator(), layout), layout, filter, now);
    }

    @Override
    public PartitionScanner scan(TokenRange range, DecoratedKey after, ReadFilter filter, long nowInSeconds) {
        checkOpen();
        filter.validate(layout.clusteringComparator());
        if (range.isEmpty()) return PartitionScanner.of(java.util.Collections.emptyIterator());
        if (!files.ready().isDone() || files.unreadable() != null) return new DeferredScanner(this, range, after, filter, nowInSeconds);
        TableLayout readLayout = layout;
        DecoratedKey first = DecoratedKey.minimumFor(range.firstToken());
        DecoratedKey from = after != null && after.compareTo(first) >= 0 ? after : first;
        List<FragmentSource> sources = new ArrayList<>();
        List<Memtable> memtables = liveMemtables();
        for (Memtable m : memtables) sources.add(memtableSource(m, from, after, range.lastToken()));
        memtableReaders.retain(memtables); // held until the scanner is closed: it reads them across tasks
        IoClass ioClass = IoClass.ofCurrentGroup(IoClass.QUERY); // the scanning service level's share of the disk
        for (SSTableReader sstable : sstables.live()) {
            if (sstable.ref()) sources.add(FragmentSource.of(sstable, sstable.scanner(range, after, ioClass, true)));
        }
        MergingFragments merge = new MergingFragments(sources);
        return new PartitionScanner() {
            @Override
            public CompletableFuture<PartitionView> next() {
                return next(ReadLimit.NONE);
            }

            /** Partitions an SSTable left on disk (large ones) are read by key, only as far as the limit needs. */
            @Override
            public CompletableFuture<PartitionView> next(ReadLimit limit) {
                CompletableFuture<PartitionView> result = new CompletableFuture<>();
                AsyncLoop.until(() -> merge.next().thenCompose(group -> {
                    if (group == null) {
                        result.complete(null);
                        return CompletableFuture.completedFuture(true);
                    }
                    CompletableFuture<PartitionView> view = anyUnloaded(group)
                            ? read(group.getFirst().key(), filter, nowInSeconds, limit)
                            : CompletableFuture.completedFuture(resolve(group, readLayout, filter, nowInSeconds));
                    return view.thenApply(live -> live != null && result.complete(live));
                })).whenComplete((ignored, failure) -> {
                    if (failure != null) result.completeExceptionally(failure);
                });
                return result;
            }

            private boolean closed;

            @Override
            public void close() {
                if (closed) return;
                closed = true;
                merge.close();
                memtableReaders.releaseLater(memtables);
            }
        };
    }

    private static boolean anyUnloaded(List<PartitionFragment> group) {
        for (PartitionFragment f : group) if (f instanceof UnloadedPartition) return true;
        return false;
    }

    private static FragmentSource memtableSource(Memtable memtable, DecoratedKey from, DecoratedKey afterExclusive, long lastToken) {
        Iterator<PartitionFragment> partitions = memtable.partitions(from, lastToken);
        if (afterExclusive == null) return FragmentSource.of(partitions);
        return FragmentSource.of(new Iterator<>() {
            private PartitionFragment next;

            @Override
            public boolean hasNext() {
                while (next == null && partitions.hasNext()) {
                    PartitionFragment candidate = partitions.next();
                    if (!candidate.key().equals(afterExclusive)) next = candidate;
                }
                return next != null;
            }

            @Override
            public PartitionFragment next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                PartitionFragment f = next;
                next = null;
                return f;
            }
        });
    }

    @Override
    public CompletableFuture<Void> truncate() {
        checkOpen();
        return files.ready().thenCompose(ignored -> {
            Memtable old = active;
            active = new Memtable(layout, shard.memory());
            memtableReaders.retire(old);
            flushes.invalidate();
            compactions.invalidate();
            sstables.removeAll(true);
            return files.recordTruncation(shard.commitLogPosition());
        }).thenRun(() -> shard.discardCommitLog(layout.tableId(), shard.commitLogPosition()));
    }

    @Override
    public CompletableFuture<Void> flush() {
        if (closed) return CompletableFuture.completedFuture(null);
        return files.ready().thenCompose(ignored -> {
            if (active.isEmpty()) return flushes.pending();
            Memtable old = active;
            active = new Memtable(layout, shard.memory());
            flushing.add(old);
            attachedIndexes.retain(liveMemtables(), sstables.live());
            attachedVectors.retain(liveMemtables(), sstables.live());
            return flushes.flush(old);
        });
    }

    /** Completes once every flush started so far is on disk, however many times it had to retry. */
    CompletableFuture<Void> flushesWritten() {
        return flushes.pending();
    }

    @Override
    public CompletableFuture<Void> compact() {
        return flush().thenCompose(ignored -> compactions.major());
    }

    @Override
    public CompletableFuture<ScrubResult> scrub(ScrubMode mode) {
        return flush().thenCompose(ignored -> compactions.exclusively(live -> new TableScrub(this, mode).run(live)));
    }

    @Override
    public CompletableFuture<VerifyResult> verify() {
        return flush().thenCompose(ignored -> compactions.exclusively(live -> new TableVerify(this).run(live)));
    }

    @Override
    public CompletableFuture<Integer> rewriteSSTables(boolean all) {
        return flush().thenCompose(ignored -> compactions.rewrite(all));
    }

    @Override
    public void autoCompaction(boolean enabled) {
        compactions.automatic(enabled);
    }

    @Override
    public boolean autoCompaction() {
        return compactions.automatic();
    }

    @Override
    public boolean quarantine(Path file) {
        SSTableFiles.Parsed name = SSTableFiles.parse(file.getFileName().toString());
        if (name == null || !file.toAbsolutePath().normalize().getParent().equals(directory.toAbsolutePath().normalize())) return false;
        for (SSTableReader reader : sstables.live()) {
            if (reader.generation() == name.generation()) return sstables.quarantine(reader);
        }
        return false;
    }

    @Override
    public CompletableFuture<Void> snapshot(String tag) {
        return flush().thenCompose(ignored -> files.snapshot(tag, sstables.live()));
    }

    @Override
    public Stats stats() {
        long partitions = active.partitionCount();
        long data = active.liveDataSize();
        long memtableBytes = active.ownedBytes();
        for (Memtable m : flushing) {
            partitions += m.partitionCount();
            data += m.liveDataSize();
            memtableBytes += m.ownedBytes();
        }
        long onDisk = 0;
        for (SSTableReader r : sstables.live()) {
            partitions += r.partitionCount();
            data += r.uncompressedSize();
            onDisk += r.onDiskSize();
        }
        return new Stats(partitions, data, memtableBytes, flushes.completed(), sstables.live().size(), onDisk, flushing.size(),
                compactions.pending(), reads, sstablesRead, compactions.io(flushes.completed(), flushes.bytesFlushed(), flushes.flushNanos()));
    }

    /** Latencies and SSTables per read as counted here; partition sizes and cell counts from the live SSTables' statistics. */
    @Override
    public TableHistograms histograms() {
        EstimatedHistogram sizes = new EstimatedHistogram();
        EstimatedHistogram cells = new EstimatedHistogram();
        for (SSTableReader r : sstables.live()) {
            long[] sizeBuckets = r.statistics().partitionSizeHistogram();
            // bucket i holds sizes in [2^i, 2^(i+1)): counted at its middle
            for (int i = 0; i < sizeBuckets.length; i++) sizes.add(3L << i >> 1, sizeBuckets[i]);
            long partitions = r.partitionCount();
            // Statistics.db keeps the cell total, not its spread: each partition counts with its SSTable's mean
            if (partitions > 0) cells.add(Math.round((double) r.statistics().cellCount() / partitions), partitions);
        }
        return new TableHistograms(readLatencyMicros.copy(), writeLatencyMicros.copy(), sstablesPerRead.copy(), sizes, cells);
    }

    @Override
    public void sample(PartitionSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public PartitionSampler sampler() {
        return sampler;
    }

    @Override
    public int stopCompactions() {
        return compactions.stopRunning();
    }

    @Override
    public List<CompactionProgress> activeCompactions() {
        return compactions.running();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        active.discard();
        for (Memtable m : flushing) m.discard();
        flushing.clear();
        flushes.invalidate();
        compactions.invalidate();
        sstables.removeAll(false);
        shard.unregister(this);
        shard.memoryReleased();
    }

    /**
     * Completes when the flushes and compactions in progress have finished (after a close: given up) and the files
     * of the SSTables they replaced or abandoned are closed and deleted.
     */
    CompletableFuture<Void> backgroundWorkDone() {
        return CompletableFuture.allOf(flushes.pending().handle((v, e) -> null), compactions.idle())
                .thenCompose(ignored -> sstables.closed());
    }

    @Override
    public void attachIndexes(List<AttachedIndex> indexes) {
        attachedIndexes.define(indexes);
    }

    @Override
    public CompletableFuture<Void> buildAttachedIndex(UUID index) {
        return buildLacking(attachedIndexes, index);
    }

    /**
     * Gives the index's entries to every memtable and SSTable that lacks them. A flush begun before the index was
     * defined may have written its SSTable's component without it: wait for it; the memtables are indexed in memory,
     * not flushed (a start-up with a replayed commitlog flushes nothing).
     */
    private CompletableFuture<Void> buildLacking(AttachedIndexKind<?, ?, ?> kind, UUID index) {
        checkOpen();
        return files.ready().thenCompose(ignored -> flushes.pending()).thenCompose(ignored -> {
            kind.indexMemtables(index, liveMemtables());
            return kind.buildLacking(index, sstables::live, IoClass.COMPACTION);
        });
    }

    @Override
    public CompletableFuture<List<PrimaryKey>> searchAttachedIndex(UUID index, TermRange range, SearchStart start, int limit, RequestTrace trace) {
        checkOpen();
        return files.ready().thenCompose(ignored -> {
            if (files.unreadable() != null) return CompletableFuture.failedFuture(files.unreadable());
            List<SSTableReader> live = sstables.live();
            List<Memtable> memtables = liveMemtables();
            attachedIndexes.retain(memtables, live);
            return attachedIndexes.search(index, range, start, limit, memtables, live).thenApply(hits -> {
                if (trace.enabled()) {
                    trace.event("Storage-attached index: " + hits.size() + " rows from " + memtables.size() + " memtables and "
                            + live.size() + " SSTables");
                }
                return hits;
            });
        });
    }

    @Override
    public void attachVectorIndexes(List<VectorIndex> indexes) {
        attachedVectors.define(indexes);
    }

    @Override
    public CompletableFuture<Void> buildVectorIndex(UUID index) {
        return buildLacking(attachedVectors, index);
    }

    @Override
    public CompletableFuture<List<VectorCandidate>> searchVectorIndex(UUID index, float[] target, int count, int width, RequestTrace trace) {
        checkOpen();
        return files.ready().thenCompose(ignored -> {
            if (files.unreadable() != null) return CompletableFuture.failedFuture(files.unreadable());
            List<SSTableReader> live = sstables.live();
            List<Memtable> memtables = liveMemtables();
            attachedVectors.retain(memtables, live);
            return attachedVectors.search(index, target, count, width, memtables, live).thenApply(found -> {
                if (trace.enabled()) {
                    trace.event("Vector index (search beam width " + width + "): " + found.size() + " candidates from " + memtables.size() + " memtables and "
                            + live.size() + " SSTables");
                }
                return found;
            });
        });
    }

    private List<Memtable> liveMemtables() {
        List<Memtable> memtables = new ArrayList<>(1 + flushing.size());
        memtables.add(active);
        memtables.addAll(flushing);
        return memtables;
    }

    // ---- for the flush and compaction machinery of this package ----

    AttachedIndexes attachedIndexes() { return attachedIndexes; }

    AttachedVectors attachedVectors() { return attachedVectors; }

    LsmShard shard() { return shard; }

    SSTableSet sstables() { return sstables; }

    UnifiedCompactionPlanner planner() { return planner; }

    boolean isClosed() { return closed; }

    Memtable activeMemtable() { return active; }

    List<Memtable> flushingMemtables() { return flushing; }

    TableFiles files() { return files; }

    /** This table's directory on this shard, where its SSTables live. */
    Path directory() { return directory; }

    TableCompactions compactions() { return compactions; }

    MemtableReaders memtableReaders() { return memtableReaders; }

    /** Starts a new SSTable of this table with the current compression and bloom filter options. */
    CompletableFuture<SSTableWriter> newWriter(long expectedPartitions, IoClass ioClass) {
        return SSTableWriter.create(context, files.nextGeneration(), compression, layout.storageParams().bloomFilterFpChance(),
                expectedPartitions, ioClass);
    }

    SSTableContext context() { return context; }

    /** The smallest write timestamp in the memtables (for purging): data older than a tombstone may hide there. */
    long memtableMinTimestamp() {
        long min = active.minTimestamp();
        for (Memtable m : flushing) min = Math.min(min, m.minTimestamp());
        return min;
    }

    /** Commitlog entries at or below this position are already in SSTables (or truncated away): replay skips them. */
    long replayedUpTo() {
        long bound = files.truncatedAt();
        for (SSTableReader r : sstables.live()) bound = Math.max(bound, r.commitLogUpperBound());
        return bound;
    }

    /** Bytes the active memtable holds (the shard flushes the largest first). */
    long activeMemtableBytes() { return active.ownedBytes(); }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("engine of " + layout.qualifiedName() + " is closed");
    }

    @Override
    public String toString() { return "LsmTableEngine(" + layout.qualifiedName() + " on shard " + shard.id() + ")"; }
}
