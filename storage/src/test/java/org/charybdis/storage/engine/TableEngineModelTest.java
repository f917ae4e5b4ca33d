package org.charybdis.storage.engine;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.LivenessInfo;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.M;
import static org.charybdis.storage.engine.TestTables.S;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.V2;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.intOf;
import static org.charybdis.storage.engine.TestTables.t;
import static org.charybdis.storage.engine.TestTables.textOf;

/**
 * The engine contract, checked against a deliberately naive model: every write and deletion is kept in a
 * list, and a read recomputes each cell's winner and each deletion's reach by brute force with plain ints.
 * Subclass it with a factory to check another engine. Few keys, clusterings and timestamps on purpose, so
 * that ties, overlaps and expiries happen often.
 */
public abstract class TableEngineModelTest {
    private static final int KEYS = 6;
    private static final int CK1_VALUES = 5;
    private static final String[] CK2_VALUES = {"a", "b", "c"};
    private static final String[] PATHS = {"x", "y", "z"};
    private static final int STATIC_ROW = -1; // ck1 marker for the static row in the model

    /** A fresh, empty engine for the layout. */
    protected abstract TableEngine newEngine(TableLayout layout);

    /** Writes an update; engines with a commitlog route it through their shard's write path. */
    protected void apply(TableEngine engine, PartitionUpdate update) {
        engine.apply(update);
    }

    protected PartitionView read(TableEngine engine, DecoratedKey key, ReadFilter filter, long now) {
        return engine.read(key, filter, now).join();
    }

    protected List<PartitionView> scan(TableEngine engine, DecoratedKey after, ReadFilter filter, long now) {
        return TestTables.drain(engine.scan(TokenRange.FULL_RING, after, filter, now));
    }

    /**
     * Called between steps: engines with files flush, compact or restart here, at random. Returns the engine
     * to use from now on (a restart gives a new one over the same files).
     */
    protected TableEngine maintain(TableEngine engine, SplittableRandom random, long nowInSeconds) {
        return engine;
    }

    /** Releases the engine at the end of a round. */
    protected void release(TableEngine engine) {
        engine.close();
    }

    @Test
    void matchesNaiveModelOverRandomMutations() {
        for (int seed = 1; seed <= 12; seed++) runRound(seed);
    }

    private void runRound(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TableEngine engine = newEngine(TestTables.layout());
        Model model = new Model();
        for (int step = 1; step <= 300; step++) {
            long now = 1000 + step / 30;
            int pk = random.nextInt(KEYS);
            PartitionUpdate.Builder builder = PartitionUpdate.builder(TestTables.key(pk));
            int ops = 1 + random.nextInt(3);
            for (int op = 0; op < ops; op++) randomOp(random, pk, now, builder, model);
            apply(engine, builder.build());
            if (step % 10 == 0) engine = maintain(engine, random, now);
            if (step % 20 == 0) {
                for (int check = 0; check < 4; check++) {
                    long readNow = now + random.nextInt(12);
                    ReadFilter filter = randomFilter(random);
                    for (int key = 0; key < KEYS; key++) {
                        DecoratedKey dk = TestTables.key(key);
                        assertThat(render(read(engine, dk, filter, readNow)))
                                .as("seed %d step %d key %d filter %s now %d", seed, step, key, filter, readNow)
                                .isEqualTo(model.expected(key, filter, readNow));
                    }
                    checkScans(seed, step, engine, model, filter, readNow);
                }
            }
        }
        release(engine);
    }

    private void checkScans(long seed, int step, TableEngine engine, Model model, ReadFilter filter, long now) {
        List<DecoratedKey> sortedKeys = new ArrayList<>();
        for (int key = 0; key < KEYS; key++) sortedKeys.add(TestTables.key(key));
        sortedKeys.sort(Comparator.naturalOrder());
        List<String> expected = new ArrayList<>();
        for (DecoratedKey dk : sortedKeys) {
            String e = model.expected(TestTables.intOf(dk.key()), filter, now);
            if (e != null) expected.add(e);
        }
        List<String> actual = new ArrayList<>();
        scan(engine, null, filter, now).forEach(v -> actual.add(render(v)));
        assertThat(actual).as("scan, seed %d step %d", seed, step).isEqualTo(expected);

        // paging: resume strictly after the second partition returned
        if (actual.size() >= 2) {
            Iterator<PartitionView> it = scan(engine, null, filter, now).iterator();
            it.next();
            DecoratedKey second = it.next().key();
            List<String> resumed = new ArrayList<>();
            scan(engine, second, filter, now).forEach(v -> resumed.add(render(v)));
            assertThat(resumed).isEqualTo(expected.subList(2, expected.size()));
        }
    }

    // ---- random mutations, recorded in the model as they are built ----

    private void randomOp(SplittableRandom random, int pk, long now, PartitionUpdate.Builder builder, Model model) {
        long ts = 1 + random.nextInt(40);
        int ttl = random.nextInt(3) == 0 ? 1 + random.nextInt(8) : 0;
        int ck1 = random.nextInt(CK1_VALUES);
        String ck2 = CK2_VALUES[random.nextInt(CK2_VALUES.length)];
        RowUpdate row = builder.row(TestTables.ck(ck1, ck2));
        switch (random.nextInt(14)) {
            case 0, 1 -> { // INSERT: marker and cells
                row.marker(ts, ttl, now);
                model.markers(pk, ck1, ck2).add(LivenessInfo.of(ts, ttl, now));
                writeCell(row, model, pk, ck1, ck2, V1, null, randomValue(random), ts, ttl, now);
            }
            case 2, 3, 4 -> writeCell(row, model, pk, ck1, ck2, random.nextBoolean() ? V1 : V2, null, randomValue(random), ts, ttl, now);
            case 5 -> { // SET v = null
                int column = random.nextBoolean() ? V1 : V2;
                row.deleteCell(column, ts, now);
                model.cells(pk, ck1, ck2, column, null).add(Cell.tombstone(column, null, ts, now));
            }
            case 6 -> writeCell(row, model, pk, ck1, ck2, M, PATHS[random.nextInt(3)], randomValue(random), ts, ttl, now);
            case 7 -> {
                String path = PATHS[random.nextInt(3)];
                row.deleteCell(M, t(path), ts, now);
                model.cells(pk, ck1, ck2, M, path).add(Cell.tombstone(M, t(path), ts, now));
            }
            case 8 -> { // m = {...}: whole-collection deletion at ts - 1 plus new elements
                row.deleteComplex(M, ts - 1, now);
                model.complexDeletions.computeIfAbsent(rowKey(pk, ck1, ck2), k -> new ArrayList<>()).add(ts - 1);
                writeCell(row, model, pk, ck1, ck2, M, PATHS[random.nextInt(3)], randomValue(random), ts, ttl, now);
            }
            case 9 -> {
                row.delete(ts, now);
                model.rowDeletions.computeIfAbsent(rowKey(pk, ck1, ck2), k -> new ArrayList<>()).add(ts);
            }
            case 10 -> {
                RangeDeletion range = randomRange(random, ts);
                builder.deleteRange(range.slice(), ts, now);
                model.rangeDeletions.computeIfAbsent(pk, k -> new ArrayList<>()).add(range);
            }
            case 11 -> {
                builder.deletePartition(ts, now);
                model.partitionDeletions.computeIfAbsent(pk, k -> new ArrayList<>()).add(ts);
            }
            case 12 -> {
                ByteBuffer value = randomValue(random);
                builder.staticRow().cell(S, value, ts, ttl, now);
                model.cells(pk, STATIC_ROW, "", S, null).add(Cell.expiring(S, null, value, ts, ttl, now));
            }
            default -> {
                builder.staticRow().deleteCell(S, ts, now);
                model.cells(pk, STATIC_ROW, "", S, null).add(Cell.tombstone(S, null, ts, now));
            }
        }
    }

    private static void writeCell(RowUpdate row, Model model, int pk, int ck1, String ck2, int column, String path,
                                  ByteBuffer value, long ts, int ttl, long now) {
        ByteBuffer p = path == null ? null : t(path);
        if (p == null) row.cell(column, value, ts, ttl, now);
        else row.cell(column, p, value, ts, ttl, now);
        model.cells(pk, ck1, ck2, column, path).add(Cell.expiring(column, p, value, ts, ttl, now));
    }

    private static ByteBuffer randomValue(SplittableRandom random) {
        return i(random.nextInt(4) - 2); // few distinct values, negative ones to exercise unsigned comparison
    }

    /** A deletion over ck1 in [low, high] (each end inclusive or not), or of one exact row. */
    private static RangeDeletion randomRange(SplittableRandom random, long ts) {
        int low = random.nextInt(CK1_VALUES);
        int high = low + random.nextInt(3);
        if (random.nextInt(4) == 0) {
            String ck2 = CK2_VALUES[random.nextInt(CK2_VALUES.length)];
            return new RangeDeletion(ts, low, true, low, true, ck2, Slice.exactly(TestTables.ck(low, ck2)));
        }
        boolean lowInclusive = random.nextBoolean();
        boolean highInclusive = random.nextBoolean();
        Slice slice = new Slice(ClusteringBound.start(lowInclusive, i(low)), ClusteringBound.end(highInclusive, i(high)));
        return new RangeDeletion(ts, low, lowInclusive, high, highInclusive, null, slice);
    }

    private static ReadFilter randomFilter(SplittableRandom random) {
        List<Slice> slices = new ArrayList<>();
        List<RangeDeletion> ranges = new ArrayList<>();
        switch (random.nextInt(4)) {
            case 0 -> slices.add(Slice.ALL);
            case 1 -> { RangeDeletion r = randomRange(random, 0); slices.add(r.slice()); }
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

    // ---- the naive model ----

    private record RangeDeletion(long timestamp, int low, boolean lowInclusive, int high, boolean highInclusive, String exactCk2, Slice slice) {
        boolean covers(int ck1, String ck2) {
            if (exactCk2 != null) return ck1 == low && ck2.equals(exactCk2);
            return (lowInclusive ? ck1 >= low : ck1 > low) && (highInclusive ? ck1 <= high : ck1 < high);
        }
    }

    private static String rowKey(int pk, int ck1, String ck2) { return pk + "/" + ck1 + "/" + ck2; }

    private static final class Model {
        final Map<String, List<Cell>> cells = new HashMap<>();
        final Map<String, List<LivenessInfo>> markers = new HashMap<>();
        final Map<String, List<Long>> rowDeletions = new HashMap<>();
        final Map<String, List<Long>> complexDeletions = new HashMap<>();
        final Map<Integer, List<RangeDeletion>> rangeDeletions = new HashMap<>();
        final Map<Integer, List<Long>> partitionDeletions = new HashMap<>();

        List<Cell> cells(int pk, int ck1, String ck2, int column, String path) {
            return cells.computeIfAbsent(rowKey(pk, ck1, ck2) + "#" + column + "#" + path, k -> new ArrayList<>());
        }

        List<LivenessInfo> markers(int pk, int ck1, String ck2) {
            return markers.computeIfAbsent(rowKey(pk, ck1, ck2), k -> new ArrayList<>());
        }

        /** The rendering a correct engine gives for this key, or null if it must return nothing. */
        String expected(int pk, ReadFilter filter, long now) {
            long partitionDeletion = max(partitionDeletions.get(pk));
            String staticRow = null;
            if (filter.fetchStatic()) {
                Cell s = liveWinner(cells.get(rowKey(pk, STATIC_ROW, "") + "#" + S + "#null"), partitionDeletion, now);
                if (s != null) staticRow = renderCells(List.of(s), filter);
            }
            List<String> rows = new ArrayList<>();
            for (int ck1 = 0; ck1 < CK1_VALUES; ck1++) {
                for (String ck2 : new String[]{"c", "b", "a"}) { // natural order: ck1 ASC, ck2 DESC
                    if (!inFilter(filter, ck1, ck2)) continue;
                    String row = expectedRow(pk, ck1, ck2, partitionDeletion, filter, now);
                    if (row != null) rows.add(row);
                }
            }
            if (filter.reversed()) Collections.reverse(rows);
            if (staticRow == null && rows.isEmpty()) return null;
            return "static=" + staticRow + " rows=" + rows;
        }

        private String expectedRow(int pk, int ck1, String ck2, long partitionDeletion, ReadFilter filter, long now) {
            String rk = rowKey(pk, ck1, ck2);
            long deletion = Math.max(partitionDeletion, max(rowDeletions.get(rk)));
            for (RangeDeletion range : rangeDeletions.getOrDefault(pk, List.of()))
                if (range.covers(ck1, ck2)) deletion = Math.max(deletion, range.timestamp());
            long collectionDeletion = Math.max(deletion, max(complexDeletions.get(rk)));

            LivenessInfo marker = null;
            for (LivenessInfo m : markers.getOrDefault(rk, List.of())) if (marker == null || markerBeats(m, marker)) marker = m;
            boolean markerLive = marker != null && marker.timestamp() > deletion && marker.isLive(now);

            List<Cell> live = new ArrayList<>();
            for (int column : new int[]{V1, V2}) {
                Cell c = liveWinner(cells.get(rk + "#" + column + "#null"), deletion, now);
                if (c != null) live.add(c);
            }
            for (String path : PATHS) {
                Cell c = liveWinner(cells.get(rk + "#" + M + "#" + path), collectionDeletion, now);
                if (c != null) live.add(c);
            }
            if (!markerLive && live.isEmpty()) return null;
            return "(" + ck1 + "," + ck2 + (markerLive ? " marker@" + marker.timestamp() : "") + " " + renderCells(live, filter) + ")";
        }

        private static boolean inFilter(ReadFilter filter, int ck1, String ck2) {
            for (Slice slice : filter.slices()) if (sliceCovers(slice, ck1, ck2)) return true;
            return false;
        }

        private static long max(List<Long> values) {
            long max = Long.MIN_VALUE;
            if (values != null) for (long v : values) max = Math.max(max, v);
            return max;
        }

        /** The winning version by brute force, if it survives the deletion and is live at now. */
        private static Cell liveWinner(List<Cell> versions, long deletion, long now) {
            if (versions == null) return null;
            Cell winner = null;
            for (Cell c : versions) if (winner == null || rank(c, winner) > 0) winner = c;
            if (winner.timestamp() <= deletion) return null;
            boolean tombstone = winner.ttl() == 0 && winner.localDeletionTime() != Cell.NO_DELETION_TIME;
            if (tombstone || (winner.ttl() > 0 && now >= winner.localDeletionTime())) return null;
            return winner;
        }

        /** Cassandra's rules as a sort key: timestamp, then kind (regular < expiring < tombstone), then deletion time, then value. */
        private static int rank(Cell a, Cell b) {
            if (a.timestamp() != b.timestamp()) return Long.compare(a.timestamp(), b.timestamp());
            int kind = Integer.compare(kind(a), kind(b));
            if (kind != 0) return kind;
            if (kind(a) > 0 && a.localDeletionTime() != b.localDeletionTime()) return Long.compare(a.localDeletionTime(), b.localDeletionTime());
            return UnsignedBytes.compare(a.value(), b.value());
        }

        private static int kind(Cell c) {
            if (c.ttl() > 0) return 1;
            return c.localDeletionTime() == Cell.NO_DELETION_TIME ? 0 : 2;
        }

        private static boolean markerBeats(LivenessInfo a, LivenessInfo b) {
            if (a.timestamp() != b.timestamp()) return a.timestamp() > b.timestamp();
            if ((a.ttl() > 0) != (b.ttl() > 0)) return a.ttl() > 0;
            return a.localExpirationTime() > b.localExpirationTime();
        }
    }

    /** Naive slice membership for the shapes this test builds (prefix bounds on ck1, or full clusterings). */
    private static boolean sliceCovers(Slice slice, int ck1, String ck2) {
        return afterStart(slice.start(), ck1, ck2) && beforeEnd(slice.end(), ck1, ck2);
    }

    private static boolean afterStart(ClusteringBound b, int ck1, String ck2) {
        if (b.size() == 0) return true;
        int v = intOf(b.get(0));
        if (ck1 != v) return ck1 > v;
        if (b.size() == 1) return b.isInclusive();
        int c = -textOf(b.get(1)).compareTo(ck2); // ck2 is DESC: "after" means a smaller string
        return c < 0 || (c == 0 && b.isInclusive());
    }

    private static boolean beforeEnd(ClusteringBound b, int ck1, String ck2) {
        if (b.size() == 0) return true;
        int v = intOf(b.get(0));
        if (ck1 != v) return ck1 < v;
        if (b.size() == 1) return b.isInclusive();
        int c = -textOf(b.get(1)).compareTo(ck2);
        return c > 0 || (c == 0 && b.isInclusive());
    }

    // ---- rendering both sides the same way ----

    private static String render(PartitionView view) {
        if (view == null) return null;
        String staticRow = view.staticRow() == null ? null : renderCells(view.staticRow().cells(), null);
        List<String> rows = new ArrayList<>();
        view.rows().forEachRemaining(r -> rows.add(renderRow(r)));
        return "static=" + staticRow + " rows=" + rows;
    }

    private static String renderRow(Row row) {
        Clustering c = row.clustering();
        return "(" + intOf(c.get(0)) + "," + textOf(c.get(1))
                + (row.liveness().isEmpty() ? "" : " marker@" + row.liveness().timestamp()) + " " + renderCells(row.cells(), null) + ")";
    }

    private static String renderCells(List<Cell> cells, ReadFilter filter) {
        List<String> out = new ArrayList<>(); // in the order given: the engine's order must match the model's
        for (Cell c : cells) {
            if (filter != null && !filter.selects(c.column())) continue;
            out.add(c.column() + (c.path() == null ? "" : ":" + textOf(c.path())) + "=" + intOf(c.value()) + "@" + c.timestamp()
                    + (c.ttl() > 0 ? " ttl" + c.ttl() + " exp" + c.expirationTime() : ""));
        }
        return out.toString();
    }
}
