package org.charybdis.storage.rocks;

import org.charybdis.storage.engine.TableEngine;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.CompactionJobInfo;
import org.rocksdb.CompactionJobStats;
import org.rocksdb.FlushJobInfo;
import org.rocksdb.RocksDB;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What RocksDB's flushes and compactions did, per table, told by RocksDB's listener on its background threads: the
 * figures of {@link TableEngine.Stats#io()} and the compactions running now ({@code compactionstats}).
 */
final class RocksEvents extends AbstractEventListener {
    private final Map<String, TableEngine.BackgroundIo> done = new ConcurrentHashMap<>();
    private final Map<Integer, Running> running = new ConcurrentHashMap<>();
    /** Finished compactions not yet recorded in the compaction history (on the shard's thread). */
    private final java.util.Queue<RocksShard.FinishedCompaction> finished = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A compaction RocksDB runs now: its table and how many bytes it reads. */
    record Running(String id, String table, long bytesTotal) {}

    @Override
    public void onFlushCompleted(RocksDB db, FlushJobInfo info) {
        long bytes = info.getTableProperties() == null ? 0 : info.getTableProperties().getDataSize();
        done.merge(info.getColumnFamilyName(), new TableEngine.BackgroundIo(1, bytes, 0, 0, 0, 0, 0), TableEngine.BackgroundIo::plus);
    }

    @Override
    public void onCompactionBegin(RocksDB db, CompactionJobInfo info) {
        long input = 0;
        for (var properties : info.tableProperties().values()) input += properties.getDataSize();
        String table = new String(info.columnFamilyName(), StandardCharsets.UTF_8);
        running.put(info.jobId(), new Running(new UUID(table.hashCode(), info.jobId()).toString(), table, input));
    }

    @Override
    public void onCompactionCompleted(RocksDB db, CompactionJobInfo info) {
        running.remove(info.jobId());
        CompactionJobStats stats = info.stats();
        String table = new String(info.columnFamilyName(), StandardCharsets.UTF_8);
        done.merge(table, new TableEngine.BackgroundIo(0, 0, 0, 1, stats.totalInputBytes(), stats.totalOutputBytes(),
                stats.elapsedMicros() * 1000), TableEngine.BackgroundIo::plus);
        try {
            finished.add(new RocksShard.FinishedCompaction(UUID.fromString(table), System.currentTimeMillis(), stats.totalInputBytes(), stats.totalOutputBytes(),
                    stats.numInputRecords(), stats.numOutputRecords()));
        } catch (IllegalArgumentException e) {
            // not a table's column family
        }
    }

    /** Takes the compactions that finished since the last call. */
    List<RocksShard.FinishedCompaction> takeFinished() {
        List<RocksShard.FinishedCompaction> taken = new ArrayList<>();
        RocksShard.FinishedCompaction f;
        while ((f = finished.poll()) != null) taken.add(f);
        return taken;
    }

    /** Every table's, added up: the instance's since it opened (dropped tables' included). */
    TableEngine.BackgroundIo total() {
        TableEngine.BackgroundIo sum = TableEngine.BackgroundIo.NONE;
        for (TableEngine.BackgroundIo io : done.values()) sum = sum.plus(io);
        return sum;
    }

    TableEngine.BackgroundIo io(UUID table) {
        return done.getOrDefault(table.toString(), TableEngine.BackgroundIo.NONE);
    }

    List<Running> running(UUID table) {
        List<Running> mine = new ArrayList<>();
        for (Running r : running.values()) if (r.table().equals(table.toString())) mine.add(r);
        return mine;
    }
}
