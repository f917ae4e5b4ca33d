package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.read.LivePartitionView;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

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

class MemtableTest {
    private static final long NOW = 1000;

    private final MemtableMemory memory = new MemtableMemory(64L << 20, 4096);
    private final Memtable memtable = new Memtable(TestTables.layout(), memory);

    @Test
    void emptyMemtableHoldsNothing() {
        assertThat(memtable.isEmpty()).isTrue();
        assertThat(memtable.ownedBytes()).isZero();
        assertThat(memory.used()).isZero();
        assertThat(memtable.partition(key(1))).isNull();
        assertThat(memtable.partitions().hasNext()).isFalse();
        assertThat(memtable.commitLogLowerBound()).isEqualTo(Long.MAX_VALUE);
        assertThat(memtable.minTimestamp()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void accountingGrowsWithWritesAndReturnsToZeroOnDiscard() {
        long previous = 0;
        long added = 0;
        for (int pk = 0; pk < 200; pk++) {
            added += memtable.apply(row(pk, 1, "a", V1, i(pk), 10), pk);
            assertThat(memtable.ownedBytes()).isGreaterThanOrEqualTo(previous);
            previous = memtable.ownedBytes();
        }
        assertThat(memtable.partitionCount()).isEqualTo(200);
        assertThat(memtable.liveDataSize()).isPositive();
        assertThat(added).isGreaterThan(memtable.liveDataSize()); // the index's heap bytes come on top
        assertThat(memtable.ownedBytes()).isGreaterThanOrEqualTo(added).isEqualTo(memory.used());

        memtable.discard();
        assertThat(memory.used()).isZero();
        assertThat(memtable.ownedBytes()).isZero();
        assertThat(memtable.isDiscarded()).isTrue();
    }

    @Test
    void tracksCommitLogPositionsAndTimestamps() {
        memtable.apply(row(1, 1, "a", V1, i(1), 50), 700);
        PartitionUpdate.Builder deletion = PartitionUpdate.builder(key(2)).deletePartition(20, NOW);
        deletion.row(ck(1, "a")).deleteComplex(M, 90, NOW);
        memtable.apply(deletion.build(), 300);
        memtable.apply(row(3, 1, "a", V2, i(1), 60), 500);

        assertThat(memtable.commitLogLowerBound()).isEqualTo(300);
        assertThat(memtable.commitLogUpperBound()).isEqualTo(700);
        assertThat(memtable.minTimestamp()).isEqualTo(20);
        assertThat(memtable.maxTimestamp()).isEqualTo(90);
        assertThat(memtable.partitionCount()).isEqualTo(3);
        assertThat(memtable.isEmpty()).isFalse();
    }

    @Test
    void mergesOverwritesAndCountsTheOldVersionsAsGarbage() {
        memtable.apply(row(1, 1, "a", V1, i(1), 10), 1);
        long liveAfterFirst = memtable.liveDataSize();
        for (int ts = 11; ts < 400; ts++) memtable.apply(row(1, 1, "a", V1, i(ts), ts), ts);
        memtable.apply(row(1, 1, "a", V1, i(-1), 5), 400); // older: loses

        assertThat(memtable.liveDataSize()).isEqualTo(liveAfterFirst);
        assertThat(memtable.overwrittenBytes()).isGreaterThan(390L * 20);
        assertThat(memtable.ownedBytes()).isGreaterThan(memtable.overwrittenBytes());
        assertThat(memory.used()).isEqualTo(memtable.ownedBytes());
        Row stored = onlyRow(memtable.partition(key(1)));
        assertThat(stored.cellCount()).isEqualTo(1);
        assertThat(intOf(stored.simpleCell(V1).value())).isEqualTo(399);
        assertThat(stored.simpleCell(V1).timestamp()).isEqualTo(399);
    }

    @Test
    void keepsEveryKindOfDataInStoredShape() {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(key(1)).deletePartition(5, NOW);
        builder.deleteRange(Slice.exactly(ck(9, "z")), 6, NOW);
        builder.staticRow().cell(S, i(7), 7, 0, NOW);
        builder.row(ck(1, "a")).marker(8, 30, NOW).cell(M, t("k"), i(1), 8, 0, NOW).deleteComplex(M, 7, NOW).delete(4, NOW);
        memtable.apply(builder.build(), 1);

        PartitionFragment fragment = memtable.partition(key(1));
        assertThat(fragment.partitionDeletion().markedForDeleteAt()).isEqualTo(5);
        assertThat(fragment.rangeTombstones()).hasSize(1);
        assertThat(fragment.staticRow().simpleCell(S).timestamp()).isEqualTo(7);
        Row row = onlyRow(fragment);
        assertThat(row.clustering()).isEqualTo(ck(1, "a"));
        assertThat(row.liveness().ttl()).isEqualTo(30);
        assertThat(row.deletion().markedForDeleteAt()).isEqualTo(4);
        assertThat(row.complexDeletion(M).markedForDeleteAt()).isEqualTo(7);
        assertThat(row.cellsOf(M)).extracting(Cell::path).containsExactly(t("k"));
    }

    @Test
    void handsOutHeapCopiesThatOutliveTheMemtable() {
        memtable.apply(row(1, 1, "a", V1, i(42), 10), 1);
        PartitionFragment fragment = memtable.partition(key(1));
        Row row = onlyRow(fragment);
        memtable.discard();

        Cell cell = row.simpleCell(V1);
        assertThat(cell.value().isDirect()).isFalse();
        assertThat(row.clustering().get(0).isDirect()).isFalse();
        assertThat(intOf(cell.value())).isEqualTo(42);
    }

    @Test
    void accessAfterDiscardFailsClearly() {
        memtable.apply(row(1, 1, "a", V1, i(1), 10), 1);
        memtable.apply(row(1, 2, "a", V1, i(2), 10), 2);
        PartitionFragment fragment = memtable.partition(key(1));
        Iterator<Row> rows = fragment.rows(Slice.ALL, false);
        rows.next();
        Iterator<PartitionFragment> partitions = memtable.partitions();
        memtable.discard();
        memtable.discard(); // idempotent

        assertThatThrownBy(rows::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("discarded");
        assertThatThrownBy(partitions::hasNext).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(fragment::staticRow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fragment.rows(Slice.ALL, true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> memtable.partition(key(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> memtable.apply(row(1, 1, "a", V1, i(1), 10), 3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void iteratesPartitionsInTokenOrderFromAStartKey() {
        List<DecoratedKey> keys = new ArrayList<>();
        for (int pk = 0; pk < 50; pk++) {
            memtable.apply(row(pk, 1, "a", V1, i(pk), 10), pk);
            keys.add(key(pk));
        }
        keys.sort(null);

        assertThat(keysOf(memtable.partitions())).isEqualTo(keys);
        DecoratedKey from = keys.get(20);
        long lastToken = keys.get(34).token();
        assertThat(keysOf(memtable.partitions(from, lastToken))).isEqualTo(keys.subList(20, 35));
        assertThat(keysOf(memtable.partitions(DecoratedKey.minimumFor(from.token() + 1), Long.MAX_VALUE))).isEqualTo(keys.subList(21, 50));
        assertThat(keysOf(memtable.partitions(null, keys.get(0).token() - 1))).isEmpty();
    }

    @Test
    void partitionIteratorSurvivesWritesWhileConsumed() {
        for (int pk = 0; pk < 40; pk += 2) memtable.apply(row(pk, 1, "a", V1, i(pk), 10), pk);
        Iterator<PartitionFragment> partitions = memtable.partitions();
        List<DecoratedKey> seen = new ArrayList<>();
        int pk = 1;
        while (partitions.hasNext()) {
            seen.add(partitions.next().key());
            if (pk < 40) memtable.apply(row(pk, 1, "a", V1, i(pk), 10), 100 + pk);
            pk += 2;
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(20);
        for (int even = 0; even < 40; even += 2) assertThat(seen).contains(key(even));
    }

    @Test
    void rowIteratorSurvivesWritesWhileConsumed() {
        for (int c = 0; c < 100; c += 2) memtable.apply(row(1, c, "a", V1, i(c), 10), c);
        Iterator<Row> rows = memtable.partition(key(1)).rows(Slice.ALL, false);
        List<Integer> seen = new ArrayList<>();
        int written = 1;
        while (rows.hasNext()) {
            Row row = rows.next();
            seen.add(intOf(row.clustering().get(0)));
            if (written < 100) {
                memtable.apply(row(1, written, "a", V1, i(written), 10), 1000 + written); // a new row
                memtable.apply(row(1, written + 1, "a", V1, i(-1), 20), 2000 + written); // overwrites one not yet read
                written += 2;
            }
            if (intOf(row.clustering().get(0)) % 2 == 0 && intOf(row.clustering().get(0)) > 1)
                assertThat(intOf(row.simpleCell(V1).value())).isEqualTo(-1); // read after its overwrite: latest version
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates();
        for (int c = 0; c < 100; c += 2) assertThat(seen).contains(c);
    }

    @Test
    void droppedColumnsAreInvisibleAndStartEmptyWhenAddedBack() {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(key(1));
        builder.row(ck(1, "a")).cell(V1, i(1), 10, 0, NOW).cell(V2, i(2), 10, 0, NOW);
        builder.staticRow().cell(S, i(3), 10, 0, NOW);
        memtable.apply(builder.build(), 1);

        TableLayout withoutV2 = TestTables.layout(List.of(ColumnLayout.simple(V1, false), ColumnLayout.simple(S, true),
                ColumnLayout.multiCell(M, false, UnsignedBytes.ORDER)));
        memtable.updateLayout(withoutV2);
        Row row = onlyRow(memtable.partition(key(1)));
        assertThat(row.simpleCell(V1)).isNotNull();
        assertThat(row.simpleCell(V2)).isNull();
        Row flushed = onlyRow(memtable.partitions().next());
        assertThat(flushed.simpleCell(V2)).isNull();
        memtable.apply(row(1, 1, "a", V2, i(20), 11), 2); // a write racing the drop: ignored
        assertThat(onlyRow(memtable.partition(key(1))).simpleCell(V2)).isNull();

        memtable.updateLayout(TestTables.layout());
        assertThat(onlyRow(memtable.partition(key(1))).simpleCell(V2)).isNull();
        assertThat(memtable.partition(key(1)).staticRow().simpleCell(S)).isNotNull();
        memtable.apply(row(1, 1, "a", V2, i(30), 12), 3);
        assertThat(intOf(onlyRow(memtable.partition(key(1))).simpleCell(V2).value())).isEqualTo(30);
        assertThat(intOf(onlyRow(memtable.partition(key(1))).simpleCell(V1).value())).isEqualTo(1);
    }

    @Test
    void rejectsAnotherTablesLayoutAndWrongClusterings() {
        TableLayout other = new TableLayout(UUID.randomUUID(), "ks", "u", 1, TestTables.comparator(), List.of(), 0, 0);
        assertThatThrownBy(() -> memtable.updateLayout(other)).isInstanceOf(IllegalArgumentException.class);
        PartitionUpdate.Builder builder = PartitionUpdate.builder(key(1));
        builder.row(Clustering.of(i(1))).cell(V1, i(1), 1, 0, NOW);
        assertThatThrownBy(() -> memtable.apply(builder.build(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(memtable.isEmpty()).isTrue();
    }

    @Test
    void updatesOnlyOfUnknownColumnsStoreNoRow() {
        memtable.apply(row(1, 1, "a", 77, i(1), 10), 1);
        assertThat(memtable.partition(key(1)).rows(Slice.ALL, false).hasNext()).isFalse();
    }

    @Test
    void storesValuesLargerThanASlab() {
        MemtableMemory defaultSlabs = new MemtableMemory(64L << 20);
        Memtable large = new Memtable(TestTables.layout(), defaultSlabs);
        byte[] bytes = new byte[2 << 20];
        new Random(7).nextBytes(bytes);
        large.apply(row(1, 1, "a", V1, i(1), 10), 1);
        large.apply(row(1, 2, "a", V1, ByteBuffer.wrap(bytes), 10), 2);
        large.apply(row(1, 3, "a", V1, i(3), 10), 3);

        assertThat(large.ownedBytes()).isGreaterThan(3L << 20).isEqualTo(defaultSlabs.used());
        List<Row> rows = new ArrayList<>();
        large.partition(key(1)).rows(Slice.ALL, false).forEachRemaining(rows::add);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).simpleCell(V1).value()).isEqualTo(ByteBuffer.wrap(bytes));
        assertThat(intOf(rows.get(2).simpleCell(V1).value())).isEqualTo(3);
        large.discard();
        assertThat(defaultSlabs.used()).isZero();
    }

    @Test
    void readsThroughTheLiveViewWithSlicesAndReversal() {
        for (int c = 0; c < 10; c++) memtable.apply(row(1, c, "a", V1, i(c), 10), c);
        PartitionView view = LivePartitionView.of(memtable.partition(key(1)), memtable.layout(),
                ReadFilter.of(List.of(new Slice(ClusteringBound.start(true, i(3)),
                        ClusteringBound.end(false, i(6)))), true), NOW);
        List<Integer> clusterings = new ArrayList<>();
        view.rows().forEachRemaining(r -> clusterings.add(intOf(r.clustering().get(0))));
        assertThat(clusterings).containsExactly(5, 4, 3);
    }

    @Test
    void tablesWithoutClusteringColumnsKeepOneRowPerPartition() {
        Memtable kv = new Memtable(keyValueLayout(), memory);
        kv.apply(kvRow(1, V1, i(10), 10), 1);
        kv.apply(kvRow(1, V2, i(20), 10), 2);
        kv.apply(kvRow(1, V1, i(11), 11), 3); // overwrites
        kv.apply(PartitionUpdate.builder(key(2)).deletePartition(5, NOW).build(), 4); // no row at all
        kv.apply(kvRow(3, 77, i(1), 10), 5); // only a column the layout does not know: no row

        Row row = onlyRow(kv.partition(key(1)));
        assertThat(row.clustering()).isEqualTo(Clustering.EMPTY);
        assertThat(intOf(row.simpleCell(V1).value())).isEqualTo(11);
        assertThat(intOf(row.simpleCell(V2).value())).isEqualTo(20);
        assertThat(kv.partition(key(1)).rows(Slice.ALL, true).next().simpleCell(V1).timestamp()).isEqualTo(11);
        assertThat(kv.partition(key(1)).rows(Slice.exactly(Clustering.EMPTY), false).hasNext()).isTrue();
        assertThat(kv.partition(key(2)).rows(Slice.ALL, false).hasNext()).isFalse();
        assertThat(kv.partition(key(2)).partitionDeletion().markedForDeleteAt()).isEqualTo(5);
        assertThat(kv.partition(key(3)).rows(Slice.ALL, false).hasNext()).isFalse();
        assertThat(keysOf(kv.partitions())).containsExactlyInAnyOrder(key(1), key(2), key(3)).isSorted();

        Iterator<Row> rows = kv.partition(key(3)).rows(Slice.ALL, false); // the row comes while the read is paged
        kv.apply(kvRow(3, V1, i(3), 12), 6);
        assertThat(intOf(rows.next().simpleCell(V1).value())).isEqualTo(3);
        assertThat(rows.hasNext()).isFalse();

        kv.updateLayout(new TableLayout(TestTables.TABLE_ID, "ks", "kv", 2, ClusteringComparator.none(),
                List.of(ColumnLayout.simple(V1, false)), 864000, 0));
        assertThat(onlyRow(kv.partition(key(1))).simpleCell(V2)).isNull();
        kv.discard();
        assertThat(memory.used()).isZero();
    }

    @Test
    void indexOfSingleRowPartitionsCostsUnderTwoHundredBytesEach() {
        Memtable kv = new Memtable(keyValueLayout(), memory);
        long grown = 0;
        for (int pk = 0; pk < 10_000; pk++) grown += kv.apply(kvRow(pk, V1, i(pk), 10), pk);
        long heap = grown - kv.liveDataSize(); // what is not serialized data is the on-heap index
        assertThat(heap).isPositive().isLessThan(200L * 10_000);
    }

    private static TableLayout keyValueLayout() {
        return new TableLayout(TestTables.TABLE_ID, "ks", "kv", 1, ClusteringComparator.none(),
                List.of(ColumnLayout.simple(V1, false), ColumnLayout.simple(V2, false)), 864000, 0);
    }

    private static PartitionUpdate kvRow(int pk, int column, ByteBuffer value, long timestamp) {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(key(pk));
        builder.row(Clustering.EMPTY).cell(column, value, timestamp, 0, NOW);
        return builder.build();
    }

    private static PartitionUpdate row(int pk, int ck1, String ck2, int column, ByteBuffer value, long timestamp) {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(key(pk));
        builder.row(ck(ck1, ck2)).cell(column, value, timestamp, 0, NOW);
        return builder.build();
    }

    private static Row onlyRow(PartitionFragment fragment) {
        List<Row> rows = new ArrayList<>();
        fragment.rows(Slice.ALL, false).forEachRemaining(rows::add);
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private static List<DecoratedKey> keysOf(Iterator<PartitionFragment> fragments) {
        List<DecoratedKey> keys = new ArrayList<>();
        fragments.forEachRemaining(f -> keys.add(f.key()));
        return keys;
    }
}
