package org.charybdis.storage.memtable;

import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TestTables;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.charybdis.storage.engine.TestTables.M;
import static org.charybdis.storage.engine.TestTables.S;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.V2;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.t;

/**
 * Random mutations and read filters on {@link TestTables#layout()}, with few keys, clusterings and
 * timestamps so that overwrites, ties, shadowing and expiry happen often. Some values are large enough to
 * leave the slab they would have shared.
 */
public final class RandomWrites {
    public static final int KEYS = 8;
    private static final int CK1_VALUES = 5;
    private static final String[] CK2_VALUES = {"a", "b", "c"};
    private static final String[] PATHS = {"x", "y", "z", "w"};

    private final SplittableRandom random;

    public RandomWrites(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public int nextInt(int bound) { return random.nextInt(bound); }

    public PartitionUpdate update(long now) {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(TestTables.key(random.nextInt(KEYS)));
        int ops = 1 + random.nextInt(4);
        for (int op = 0; op < ops; op++) randomOp(builder, now);
        return builder.build();
    }

    private void randomOp(PartitionUpdate.Builder builder, long now) {
        long ts = 1 + random.nextInt(50);
        int ttl = random.nextInt(4) == 0 ? 1 + random.nextInt(8) : 0;
        RowUpdate row = builder.row(TestTables.ck(random.nextInt(CK1_VALUES), CK2_VALUES[random.nextInt(CK2_VALUES.length)]));
        switch (random.nextInt(16)) {
            case 0, 1 -> row.marker(ts, ttl, now).cell(V1, value(), ts, ttl, now);
            case 2, 3, 4 -> row.cell(random.nextBoolean() ? V1 : V2, value(), ts, ttl, now);
            case 5 -> row.deleteCell(random.nextBoolean() ? V1 : V2, ts, now);
            case 6, 7 -> row.cell(M, path(), value(), ts, ttl, now);
            case 8 -> row.deleteCell(M, path(), ts, now);
            case 9 -> row.deleteComplex(M, ts - 1, now).cell(M, path(), value(), ts, ttl, now);
            case 10 -> row.delete(ts, now);
            case 11 -> builder.deleteRange(randomSlice(), ts, now);
            case 12 -> builder.deletePartition(ts, now);
            case 13, 14 -> builder.staticRow().cell(S, value(), ts, ttl, now);
            default -> builder.staticRow().deleteCell(S, ts, now);
        }
    }

    public ReadFilter filter() {
        List<Slice> slices = new ArrayList<>();
        switch (random.nextInt(4)) {
            case 0 -> slices.add(Slice.ALL);
            case 1 -> slices.add(randomSlice());
            case 2 -> {
                int a = random.nextInt(2);
                slices.add(new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(true, i(a))));
                slices.add(new Slice(ClusteringBound.start(false, i(a + 1)), ClusteringBound.end(false, i(a + 3))));
            }
            default -> {
                slices.add(Slice.exactly(TestTables.ck(1, "c")));
                slices.add(Slice.exactly(TestTables.ck(1, "a")));
                slices.add(new Slice(ClusteringBound.start(true, i(3), t("b")), ClusteringBound.TOP));
            }
        }
        BitSet columns = null;
        if (random.nextBoolean()) {
            columns = new BitSet();
            for (int c : new int[]{V1, V2, S, M}) if (random.nextBoolean()) columns.set(c);
        }
        return new ReadFilter(slices, random.nextBoolean(), columns, random.nextInt(3) > 0);
    }

    private Slice randomSlice() {
        int low = random.nextInt(CK1_VALUES);
        if (random.nextInt(4) == 0) return Slice.exactly(TestTables.ck(low, CK2_VALUES[random.nextInt(CK2_VALUES.length)]));
        int high = low + random.nextInt(3);
        return new Slice(ClusteringBound.start(random.nextBoolean(), i(low)), ClusteringBound.end(random.nextBoolean(), i(high)));
    }

    private ByteBuffer path() {
        return t(PATHS[random.nextInt(PATHS.length)]);
    }

    /** Mostly small ints; now and then a value bigger than a test slab's eighth. */
    private ByteBuffer value() {
        if (random.nextInt(40) == 0) {
            byte[] big = new byte[600 + random.nextInt(3000)];
            random.nextBytes(big);
            return ByteBuffer.wrap(big);
        }
        return i(random.nextInt(5) - 2);
    }
}
