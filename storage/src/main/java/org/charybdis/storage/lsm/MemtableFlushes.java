package org.charybdis.storage.lsm;

import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.compaction.ShardingBoundaries;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.file.DiskSpace;
import org.charybdis.storage.file.OutageLog;
import org.charybdis.storage.memtable.Memtable;
import org.charybdis.storage.sstable.SSTableReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Flushes of one table's memtables, one after another in the order they were switched out, in the
 * {@code memtable_flush} scheduling group. Order matters: SSTables record the highest commitlog position
 * they cover and replay skips everything below it, so a newer memtable may never land on disk before an
 * older one. A failed flush (disk full, ...) deletes what it wrote and is retried with a growing delay (1 s
 * doubling up to 30 s); its memtable keeps serving reads and its commitlog segments stay, so nothing acknowledged
 * is lost meanwhile. The failures are logged as one outage (its first failure, a summary every 30 s, its end).
 */
final class MemtableFlushes {
    private static final Logger LOG = LoggerFactory.getLogger(MemtableFlushes.class);
    private static final long MAX_RETRY_DELAY_MILLIS = 30_000;

    private final LsmTableEngine table;
    private final OutageLog outage;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int epoch;
    private long completed;
    private long bytesFlushed;
    private long flushNanos;

    MemtableFlushes(LsmTableEngine table) {
        this.table = table;
        this.outage = new OutageLog(LOG, "Flushes of " + table.layout().qualifiedName() + " on shard " + table.shard().id());
    }

    /** Completes when every flush started so far has finished. */
    CompletableFuture<Void> pending() { return tail; }

    long completed() { return completed; }

    long bytesFlushed() { return bytesFlushed; }

    long flushNanos() { return flushNanos; }

    /** Drops the results of flushes in progress (TRUNCATE, close): their memtables are gone. */
    void invalidate() {
        epoch++;
    }

    /** Queues the flush of a memtable already moved to the flushing list; the future fails if its first attempt does. */
    CompletableFuture<Void> flush(Memtable memtable) {
        int startEpoch = epoch;
        CompletableFuture<Void> answer = new CompletableFuture<>();
        CompletableFuture<Void> written = new CompletableFuture<>();
        CompletableFuture<Void> previous = tail;
        tail = written;
        previous.whenComplete((ignored, failure) -> table.shard().inFlushGroup(() -> attempt(memtable, startEpoch, answer, written, 0)));
        return answer;
    }

    private void attempt(Memtable memtable, int startEpoch, CompletableFuture<Void> answer, CompletableFuture<Void> written, int failures) {
        if (startEpoch != epoch) {
            table.shard().flushDone(table);
            dropMemtable(memtable);
            answer.complete(null);
            written.complete(null);
            return;
        }
        long started = System.nanoTime();
        writeOut(memtable).whenComplete((readers, failure) -> {
            if (failure != null) {
                Throwable cause = AsyncLoop.unwrap(failure);
                long delay = Math.min(MAX_RETRY_DELAY_MILLIS, 1000L << Math.min(failures, 5));
                outage.failed("a flush failed: " + DiskSpace.describe(cause, table.directory()), "its memtable stays in memory and "
                        + "its commit log segments on disk, so nothing is lost; retrying with a growing delay up to 30 s", cause);
                table.shard().flushFailed(table, cause);
                answer.completeExceptionally(cause);
                table.shard().inFlushGroupLater(delay, () -> attempt(memtable, startEpoch, answer, written, failures + 1));
                return;
            }
            outage.recovered();
            table.shard().flushDone(table);
            if (startEpoch != epoch) {
                for (SSTableReader r : readers) table.sstables().discard(r);
                dropMemtable(memtable);
            } else {
                table.sstables().add(readers);
                dropMemtable(memtable);
                completed++;
                flushNanos += System.nanoTime() - started;
                for (SSTableReader r : readers) bytesFlushed += r.onDiskSize();
                table.shard().discardCommitLog(table.layout().tableId(), flushedUpTo());
                table.compactions().observedFlush(memtable.liveDataSize());
            }
            answer.complete(null);
            written.complete(null);
        });
    }

    private CompletableFuture<List<SSTableReader>> writeOut(Memtable memtable) {
        if (memtable.isEmpty()) return CompletableFuture.completedFuture(List.of());
        ShardingBoundaries boundaries = table.planner().flushSharding(memtable.liveDataSize());
        SSTableOutput out = new SSTableOutput(table, boundaries, IoClass.MEMTABLE_FLUSH, memtable.partitionCount(),
                memtable.commitLogUpperBound(), Set.of());
        Iterator<PartitionFragment> partitions = memtable.partitions();
        return AsyncLoop.forEach(() -> CompletableFuture.completedFuture(partitions.hasNext() ? partitions.next() : null), out::append)
                .handle((ignored, failure) -> failure)
                .thenCompose(failure -> failure == null ? out.finish().thenCompose(this::backUp)
                        : out.abort().handle((v, e) -> null).thenCompose(v -> CompletableFuture.failedFuture(AsyncLoop.unwrap(failure))));
    }

    /** With incremental backups on, the flushed SSTables are hard-linked before compaction can take them. */
    private CompletableFuture<List<SSTableReader>> backUp(List<SSTableReader> flushed) {
        if (!table.shard().incrementalBackups() || flushed.isEmpty()) return CompletableFuture.completedFuture(flushed);
        return table.files().backUp(flushed).thenApply(ignored -> flushed);
    }

    private void dropMemtable(Memtable memtable) {
        table.flushingMemtables().remove(memtable);
        table.memtableReaders().retire(memtable);
    }

    /** Every commitlog entry at or below this position is in this table's SSTables. */
    private long flushedUpTo() {
        long lowest = table.activeMemtable().isEmpty() ? Long.MAX_VALUE : table.activeMemtable().commitLogLowerBound();
        for (Memtable m : table.flushingMemtables()) if (!m.isEmpty()) lowest = Math.min(lowest, m.commitLogLowerBound());
        return lowest == Long.MAX_VALUE ? table.shard().commitLogPosition() : lowest - 1;
    }
}
