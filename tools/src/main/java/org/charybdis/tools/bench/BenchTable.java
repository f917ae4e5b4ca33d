package org.charybdis.tools.bench;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.engine.TableLayout;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The benchmark's table, {@code CREATE TABLE bench.kv (key bigint PRIMARY KEY, value blob) WITH storage_engine = ...}, and
 * its rows (no clustering columns, so any engine can store it, the byte-ordered ones too): row
 * {@code i} has key {@code i} and a value cut from a pool of random bytes (so compression cannot shrink it).
 */
final class BenchTable {
    static final int VALUE = 1;
    static final UUID TABLE_ID = UUID.fromString("b3c4e1a0-5d1e-4c0b-9f00-00000000be7c");
    /** Large enough that the values of one compressed chunk almost never share bytes. */
    private static final int POOL_SIZE = 8 << 20;

    private final int valueSize;
    private final ByteBuffer pool;

    BenchTable(int valueSize, long seed) {
        this.valueSize = valueSize;
        byte[] bytes = new byte[POOL_SIZE + valueSize];
        new SplittableRandom(seed).nextBytes(bytes);
        this.pool = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    static TableLayout layout(BenchSettings settings) {
        StorageParams params = new StorageParams(settings.compactionOptions(), StorageParams.DEFAULT.compression(),
                StorageParams.DEFAULT.bloomFilterFpChance(), settings.engine());
        return new TableLayout(TABLE_ID, "bench", "kv", 1, ClusteringComparator.none(), List.of(ColumnLayout.simple(VALUE, false)),
                864000, 0, params);
    }

    static DecoratedKey key(long index) {
        return DecoratedKey.of(ByteBuffer.allocate(BenchSettings.KEY_SIZE).putLong(0, index));
    }

    /** The insert of row {@code index} (whose key is {@code key}): a row marker and the value, at the given write time. */
    PartitionUpdate insert(DecoratedKey key, long index, long timestampMicros, long nowInSeconds) {
        PartitionUpdate.Builder update = PartitionUpdate.builder(key);
        update.row(Clustering.EMPTY).marker(timestampMicros, 0, nowInSeconds).cell(VALUE, valueOf(index), timestampMicros, 0, nowInSeconds);
        return update.build();
    }

    /** True if the read returned row {@code index} as written. */
    boolean matches(long index, PartitionView view) {
        if (view == null) return false;
        var rows = view.rows();
        if (!rows.hasNext()) return false;
        Row row = rows.next();
        var cell = row.simpleCell(VALUE);
        return cell != null && cell.value().equals(valueOf(index)) && !rows.hasNext();
    }

    /** A view of the pool, no copy: the offset depends on the row so neighbouring rows differ. */
    private ByteBuffer valueOf(long index) {
        int offset = (int) Math.floorMod(index * 0x9E3779B97F4A7C15L, (long) POOL_SIZE);
        return pool.slice(offset, valueSize);
    }
}
