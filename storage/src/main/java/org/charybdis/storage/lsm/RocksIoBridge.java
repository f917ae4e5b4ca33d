package org.charybdis.storage.lsm;

import org.charybdis.scheduler.io.IoCapacity;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.storage.engine.CompletedCompaction;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.rocks.RocksTableEngine;

import java.util.Map;
import java.util.UUID;
import org.charybdis.storage.rocks.RocksShard;

/**
 * Joins a shard's RocksDB background IO, which RocksDB's own threads do, to the shard's IO scheduler, once a second:
 * <ul>
 * <li>the compactions RocksDB finished go into the compaction history;</li>
 * <li>what RocksDB's flushes and compactions read and wrote since the last look is counted in the shard's
 *     memtable_flush and compaction IO classes (metrics, the console);</li>
 * <li>RocksDB's rate limiter gets the compaction class's part of the disk: the disk's write bandwidth times the
 *     compaction shares (which the backlog controller sets, RocksDB's pending compaction bytes included) over the shares
 *     of the classes busy now, and at most the shard's part of {@code compaction_throughput}. Unlimited when the disk's
 *     capacity is not configured and no throughput cap is set.</li>
 * </ul>
 */
final class RocksIoBridge {
    private final LsmShard storage;
    private TableEngine.BackgroundIo counted = TableEngine.BackgroundIo.NONE;

    RocksIoBridge(LsmShard storage) {
        this.storage = storage;
    }

    /** Shard thread. */
    void tick() {
        RocksShard rocks = storage.rocks();
        if (!rocks.isOpen()) return;
        IoQueue io = storage.io();
        TableEngine.BackgroundIo total = rocks.backgroundIo();
        io.account(IoClass.MEMTABLE_FLUSH, true, total.bytesFlushed() - counted.bytesFlushed());
        io.account(IoClass.COMPACTION, true, total.compactionBytesWritten() - counted.compactionBytesWritten());
        io.account(IoClass.COMPACTION, false, total.compactionBytesRead() - counted.compactionBytesRead());
        counted = total;
        rocks.backgroundRate(rate(io, storage.compactionBytesPerSecond()));
        for (RocksShard.FinishedCompaction done : rocks.takeFinishedCompactions()) {
            RocksTableEngine table = storage.rocksTables().get(done.table());
            if (table == null) continue; // dropped meanwhile
            storage.compacted(new CompletedCompaction(UUID.randomUUID(), table.layout().keyspace(), table.layout().table(), done.atMillis(),
                    done.bytesIn(), done.bytesOut(), Map.of(1, done.recordsOut()))); // RocksDB counts keys, not partitions merged
        }
    }

    /** Bytes per second for RocksDB's background writes; 0 for no limit. */
    static long rate(IoQueue io, long throughputCap) {
        IoCapacity capacity = io.capacity();
        long shareRate = 0;
        if (capacity.writeBandwidthBytesPerSec() != Long.MAX_VALUE) {
            long compaction = io.shares(IoClass.COMPACTION);
            long busy = compaction;
            for (IoClass other : new IoClass[] {IoClass.COMMITLOG, IoClass.MEMTABLE_FLUSH, IoClass.QUERY, IoClass.MAINTENANCE}) {
                if (!io.serves(other)) continue;
                IoQueue.ClassStats stats = io.stats(other);
                if (stats.queueLength() + stats.inFlight() > 0) busy += io.shares(other);
            }
            shareRate = Math.max(1, (long) ((double) capacity.writeBandwidthBytesPerSec() * compaction / Math.max(1, busy)));
        }
        if (throughputCap <= 0) return shareRate;
        return shareRate == 0 ? throughputCap : Math.min(shareRate, throughputCap);
    }
}
