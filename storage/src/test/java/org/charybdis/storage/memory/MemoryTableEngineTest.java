package org.charybdis.storage.memory;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.PartitionScanner;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.data.UnsignedBytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.storage.engine.TestTables.M;
import static org.charybdis.storage.engine.TestTables.S;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.V2;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.intOf;
import static org.charybdis.storage.engine.TestTables.key;
import static org.charybdis.storage.engine.TestTables.t;
import static org.charybdis.storage.engine.TestTables.textOf;

class MemoryTableEngineTest {
    private static final long NOW = 1_000_000;
    private final TableEngine engine = new MemoryTableEngine(TestTables.layout());

    @Test
    void insertedRowSurvivesWithAllCellsNull() {
        write(1, b -> b.row(ck(1, "a")).marker(10, 0, NOW).cell(V1, i(7), 10, 0, NOW));
        write(1, b -> b.row(ck(1, "a")).deleteCell(V1, 11, NOW));
        Row row = onlyRow(engine.read(key(1), ReadFilter.ALL, NOW).join());
        assertThat(row.cellCount()).isZero();
        assertThat(row.liveness().timestamp()).isEqualTo(10);
    }

    @Test
    void updatedRowDisappearsWhenItsCellsAreNulled() {
        write(1, b -> b.row(ck(1, "a")).cell(V1, i(7), 10, 0, NOW).cell(V2, i(8), 10, 0, NOW));
        write(1, b -> b.row(ck(1, "a")).deleteCell(V1, 11, NOW).deleteCell(V2, 11, NOW));
        assertThat(engine.read(key(1), ReadFilter.ALL, NOW).join()).isNull();
    }

    @Test
    void rowWithTtlMarkerExpiresUnlessACellOutlivesIt() {
        write(1, b -> b.row(ck(1, "a")).marker(10, 100, NOW).cell(V1, i(1), 10, 100, NOW));
        write(2, b -> b.row(ck(1, "a")).marker(10, 100, NOW).cell(V1, i(1), 10, 100, NOW));
        write(2, b -> b.row(ck(1, "a")).cell(V2, i(2), 11, 0, NOW)); // UPDATE without TTL
        assertThat(engine.read(key(1), ReadFilter.ALL, NOW + 99).join()).isNotNull();
        assertThat(engine.read(key(1), ReadFilter.ALL, NOW + 100).join()).isNull();
        Row survivor = onlyRow(engine.read(key(2), ReadFilter.ALL, NOW + 100).join());
        assertThat(survivor.liveness().isEmpty()).isTrue();
        assertThat(survivor.cells()).extracting(Cell::column).containsExactly(V2);
    }

    @Test
    void liveCellsCarryTimestampTtlAndExpiration() {
        write(1, b -> b.row(ck(1, "a")).cell(V1, i(1), 42, 60, NOW));
        Cell cell = onlyRow(engine.read(key(1), ReadFilter.ALL, NOW + 10).join()).simpleCell(V1);
        assertThat(cell.timestamp()).isEqualTo(42);
        assertThat(cell.ttl()).isEqualTo(60);
        assertThat(cell.expirationTime()).isEqualTo(NOW + 60);
        assertThat(cell.remainingTtl(NOW + 10)).isEqualTo(50);
    }

    @Test
    void partitionWithOnlyAStaticRowIsReturnedWhenStaticIsFetched() {
        write(1, b -> b.staticRow().cell(S, i(5), 10, 0, NOW));
        PartitionView view = engine.read(key(1), ReadFilter.ALL, NOW).join();
        assertThat(view.staticRow().simpleCell(S).value()).isEqualTo(i(5));
        assertThat(view.rows().hasNext()).isFalse();
        assertThat(engine.read(key(1), new ReadFilter(List.of(Slice.ALL), false, null, false), NOW).join()).isNull();
    }

    @Test
    void partitionDeletionShadowsOlderDataIncludingStaticAndNotNewer() {
        write(1, b -> b.staticRow().cell(S, i(5), 10, 0, NOW));
        write(1, b -> b.row(ck(1, "a")).marker(10, 0, NOW));
        write(1, b -> b.row(ck(2, "a")).marker(30, 0, NOW));
        write(1, b -> b.deletePartition(20, NOW));
        PartitionView view = engine.read(key(1), ReadFilter.ALL, NOW).join();
        assertThat(view.staticRow()).isNull();
        assertThat(clusterings(view)).containsExactly("2a");
    }

    @Test
    void rangeTombstonesDeleteOnlyInsideTheirSlice() {
        for (int ck1 = 0; ck1 < 4; ck1++) {
            int c = ck1;
            write(1, b -> { b.row(ck(c, "a")).marker(10, 0, NOW); b.row(ck(c, "b")).marker(10, 0, NOW); });
        }
        Slice oneUpToThree = new Slice(ClusteringBound.start(false, i(0)), ClusteringBound.end(false, i(2)));
        write(1, b -> b.deleteRange(oneUpToThree, 10, NOW).deleteRange(Slice.exactly(ck(3, "b")), 9, NOW));
        assertThat(clusterings(engine.read(key(1), ReadFilter.ALL, NOW).join())).containsExactly("0b", "0a", "2b", "2a", "3b", "3a");
    }

    @Test
    void slicesAreReadInClusteringOrderOrReversed() {
        for (int ck1 = 0; ck1 < 5; ck1++) {
            int c = ck1;
            write(1, b -> { b.row(ck(c, "a")).marker(1, 0, NOW); b.row(ck(c, "b")).marker(1, 0, NOW); });
        }
        List<Slice> slices = List.of(
                new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(true, i(0))),
                new Slice(ClusteringBound.start(true, i(2), t("a")), ClusteringBound.end(true, i(3), t("b"))));
        assertThat(clusterings(engine.read(key(1), ReadFilter.of(slices, false), NOW).join())).containsExactly("0b", "0a", "2a", "3b");
        assertThat(clusterings(engine.read(key(1), ReadFilter.of(slices, true), NOW).join())).containsExactly("3b", "2a", "0a", "0b");
    }

    @Test
    void unsortedSlicesAreRejected() {
        List<Slice> slices = List.of(Slice.exactly(ck(2, "a")), Slice.exactly(ck(1, "a")));
        assertThatThrownBy(() -> engine.read(key(1), ReadFilter.of(slices, false), NOW).join()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnFilterReturnsSelectedCellsButRowLivenessUsesAll() {
        write(1, b -> b.row(ck(1, "a")).cell(V1, i(1), 10, 0, NOW).cell(V2, i(2), 10, 0, NOW));
        write(1, b -> b.row(ck(2, "a")).cell(V2, i(2), 10, 0, NOW));
        BitSet onlyV1 = new BitSet();
        onlyV1.set(V1);
        PartitionView view = engine.read(key(1), new ReadFilter(List.of(Slice.ALL), false, onlyV1, false), NOW).join();
        List<Row> rows = rows(view);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).cells()).extracting(Cell::column).containsExactly(V1);
        assertThat(rows.get(1).cells()).isEmpty();
    }

    @Test
    void collectionElementsComeInPathOrderAndOverwriteDeletesOlderElements() {
        write(1, b -> b.row(ck(1, "a")).cell(M, t("z"), i(1), 10, 0, NOW).cell(M, t("b"), i(2), 10, 0, NOW));
        assertThat(onlyRow(engine.read(key(1), ReadFilter.ALL, NOW).join()).cellsOf(M))
                .extracting(c -> textOf(c.path())).containsExactly("b", "z");
        write(1, b -> b.row(ck(1, "a")).deleteComplex(M, 19, NOW).cell(M, t("k"), i(3), 20, 0, NOW));
        assertThat(onlyRow(engine.read(key(1), ReadFilter.ALL, NOW).join()).cellsOf(M))
                .extracting(c -> textOf(c.path())).containsExactly("k");
    }

    @Test
    void scanReturnsPartitionsInTokenOrderWithinTheRangeAndResumes() {
        List<DecoratedKey> keys = new ArrayList<>();
        for (int pk = 0; pk < 20; pk++) {
            int p = pk;
            write(p, b -> b.row(ck(1, "a")).marker(1, 0, NOW));
            keys.add(key(pk));
        }
        write(99, b -> b.row(ck(1, "a")).deleteCell(V1, 1, NOW)); // holds only a tombstone: skipped
        keys.sort(null);
        assertThat(scanKeys(engine.scan(TokenRange.FULL_RING, ReadFilter.ALL, NOW))).isEqualTo(keys);

        TokenRange middle = TokenRange.openClosed(keys.get(4).token(), keys.get(9).token());
        assertThat(scanKeys(engine.scan(middle, ReadFilter.ALL, NOW))).isEqualTo(keys.subList(5, 10));
        assertThat(scanKeys(engine.scan(middle, keys.get(6), ReadFilter.ALL, NOW))).isEqualTo(keys.subList(7, 10));
        assertThat(scanKeys(engine.scan(middle, keys.get(15), ReadFilter.ALL, NOW))).isEmpty();
        assertThat(scanKeys(engine.scan(middle, keys.get(0), ReadFilter.ALL, NOW))).isEqualTo(keys.subList(5, 10));
    }

    @Test
    void droppedColumnDataIsGoneEvenIfTheIdIsAddedBack() {
        write(1, b -> b.row(ck(1, "a")).cell(V1, i(1), 10, 0, NOW).cell(V2, i(2), 10, 0, NOW));
        write(2, b -> b.row(ck(1, "a")).cell(V2, i(2), 10, 0, NOW));
        TableLayout withoutV2 = TestTables.layout(List.of(ColumnLayout.simple(V1, false), ColumnLayout.simple(S, true),
                ColumnLayout.multiCell(M, false, UnsignedBytes.ORDER)));
        engine.updateLayout(withoutV2);
        assertThat(onlyRow(engine.read(key(1), ReadFilter.ALL, NOW).join()).cells()).extracting(Cell::column).containsExactly(V1);
        assertThat(engine.read(key(2), ReadFilter.ALL, NOW).join()).isNull();
        write(2, b -> b.row(ck(1, "a")).cell(V2, i(3), 11, 0, NOW)); // a write racing the DROP: ignored
        assertThat(engine.read(key(2), ReadFilter.ALL, NOW).join()).isNull();

        engine.updateLayout(TestTables.layout());
        assertThat(engine.read(key(2), ReadFilter.ALL, NOW).join()).isNull();
        write(2, b -> b.row(ck(1, "a")).cell(V2, i(4), 12, 0, NOW));
        assertThat(onlyRow(engine.read(key(2), ReadFilter.ALL, NOW).join()).simpleCell(V2).value()).isEqualTo(i(4));
    }

    @Test
    void rejectsCellsOfTheWrongShapeAndRowsOfTheWrongClustering() {
        assertThatThrownBy(() -> write(1, b -> b.row(ck(1, "a")).cell(M, i(1), 1, 0, NOW))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> write(1, b -> b.row(Clustering.of(i(1))).marker(1, 0, NOW))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statsAndTruncate() {
        write(1, b -> b.row(ck(1, "a")).cell(V1, i(1), 10, 0, NOW));
        write(2, b -> b.row(ck(1, "a")).cell(V1, i(1), 10, 0, NOW));
        assertThat(engine.stats().partitionCount()).isEqualTo(2);
        assertThat(engine.stats().dataSizeBytes()).isPositive();
        engine.truncate();
        assertThat(engine.stats()).isEqualTo(TableEngine.Stats.EMPTY);
        assertThat(engine.read(key(1), ReadFilter.ALL, NOW).join()).isNull();
    }

    @Test
    void iterationSurvivesWritesAppliedWhileReading() {
        for (int ck1 = 0; ck1 < 1000; ck1++) {
            int c = ck1;
            write(1, b -> b.row(ck(c, "a")).marker(1, 0, NOW));
        }
        Iterator<Row> rows = engine.read(key(1), ReadFilter.ALL, NOW).join().rows();
        for (int n = 0; n < 10; n++) rows.next();
        write(1, b -> { b.row(ck(500, "a")).delete(5, NOW); b.row(ck(2000, "a")).marker(1, 0, NOW); });
        int rest = 0;
        while (rows.hasNext()) { rows.next(); rest++; }
        assertThat(rest).isBetween(989, 990);
    }

    private void write(int pk, Consumer<PartitionUpdate.Builder> statement) {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(key(pk));
        statement.accept(builder);
        engine.apply(builder.build());
    }

    private static List<Row> rows(PartitionView view) {
        List<Row> rows = new ArrayList<>();
        view.rows().forEachRemaining(rows::add);
        return rows;
    }

    private static Row onlyRow(PartitionView view) {
        assertThat(view).isNotNull();
        List<Row> rows = rows(view);
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private static List<String> clusterings(PartitionView view) {
        List<String> out = new ArrayList<>();
        for (Row row : rows(view)) out.add(intOf(row.clustering().get(0)) + textOf(row.clustering().get(1)));
        return out;
    }

    private static List<DecoratedKey> scanKeys(PartitionScanner scanner) {
        Iterator<PartitionView> views = TestTables.drain(scanner).iterator();
        List<DecoratedKey> keys = new ArrayList<>();
        views.forEachRemaining(v -> keys.add(v.key()));
        return keys;
    }
}
