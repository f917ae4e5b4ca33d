package org.charybdis.storage.engine;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The table most engine tests use: {@code PRIMARY KEY (pk int, ck1 int, ck2 text) WITH CLUSTERING ORDER BY
 * (ck1 ASC, ck2 DESC)}, regular columns v1, v2, static s, and a non-frozen map m.
 */
public final class TestTables {
    public static final int V1 = 1;
    public static final int V2 = 2;
    public static final int S = 3;
    public static final int M = 4;
    public static final UUID TABLE_ID = UUID.fromString("8e1d8b5e-3f5a-4a0e-9c59-0a1b2c3d4e5f");
    public static final Comparator<ByteBuffer> INT_ORDER = Comparator.comparingInt(b -> b.getInt(b.position()));

    private TestTables() {}

    /** A signed int in byte order: the sign bit flipped. */
    public static final org.charybdis.storage.data.ByteOrderedEncoding INT_BYTES =
            v -> ByteBuffer.allocate(4).putInt(0, v.getInt(v.position()) ^ Integer.MIN_VALUE).array();

    public static ClusteringComparator comparator() {
        return new ClusteringComparator(List.of(INT_ORDER, UnsignedBytes.ORDER), List.of(false, true),
                List.of(INT_BYTES, org.charybdis.storage.data.ByteOrderedEncoding.UNSIGNED_BYTES));
    }

    /** {@link #layout()} stored by the RocksDB engine, under another table id. */
    public static TableLayout rocksLayout() {
        TableLayout base = layout();
        return new TableLayout(UUID.fromString("8e1d8b5e-3f5a-4a0e-9c59-0a1b2c3d4e60"), "ks", "t_rocks", 1, base.clusteringComparator(),
                base.columns(), base.gcGraceSeconds(), 0, StorageParams.DEFAULT.withEngine(StorageParams.Engine.ROCKSDB));
    }

    public static TableLayout layout() {
        return layout(List.of(ColumnLayout.simple(V1, false), ColumnLayout.simple(V2, false),
                ColumnLayout.simple(S, true), ColumnLayout.multiCell(M, false, UnsignedBytes.ORDER)));
    }

    public static TableLayout layout(List<ColumnLayout> columns) {
        return new TableLayout(TABLE_ID, "ks", "t", 1, comparator(), columns, 864000, 0);
    }

    public static ByteBuffer i(int v) {
        return ByteBuffer.allocate(4).putInt(0, v);
    }

    public static ByteBuffer t(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    public static Clustering ck(int ck1, String ck2) {
        return Clustering.of(i(ck1), t(ck2));
    }

    public static DecoratedKey key(int pk) {
        return DecoratedKey.of(i(pk));
    }

    /** A row of {@code bytes} random bytes in V1, alone in partition {@code pk}: incompressible, so SSTables weigh what they hold. */
    public static PartitionUpdate incompressibleRow(int pk, int bytes, SplittableRandom random, long now) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(pk));
        b.row(ck(1, "a")).marker(1, 0, now).cell(V1, ByteBuffer.wrap(value), 1, 0, now);
        return b.build();
    }

    /** Every partition a scanner yields, waiting for each. */
    public static List<PartitionView> drain(PartitionScanner scanner) {
        List<PartitionView> views = new java.util.ArrayList<>();
        for (PartitionView view = scanner.next().join(); view != null; view = scanner.next().join()) views.add(view);
        scanner.close();
        return views;
    }

    public static int intOf(ByteBuffer b) {
        return b.getInt(b.position());
    }

    public static String textOf(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }
}
