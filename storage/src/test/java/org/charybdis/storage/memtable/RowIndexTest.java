package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.t;

/** A partition's row index in the table's clustering order (ck1 int ASC, ck2 text DESC) against a {@link TreeMap}. */
class RowIndexTest {
    private final ClusteringComparator comparator = TestTables.comparator();
    private final SplittableRandom random = new SplittableRandom(5);
    private final TreeMap<ClusteringPrefix, Long> oracle = new TreeMap<>(comparator);

    @ParameterizedTest
    @ValueSource(ints = {3, 4, BPlusTree.DEFAULT_MAX_NODE_SIZE})
    void findsAddsAndRepointsRows(int nodeSize) {
        RowIndex index = new RowIndex(comparator, nodeSize);
        for (long address = 0; address < 5_000; address++) {
            Clustering clustering = randomClustering();
            long stored = index.address(clustering);
            assertThat(stored).isEqualTo(oracle.getOrDefault(clustering, MemtablePartition.NO_ROW));
            if (stored == MemtablePartition.NO_ROW) {
                assertThat(index.repoint(clustering, address)).isFalse();
                index.add(clustering, address);
            } else {
                assertThat(index.repoint(clustering, address)).isTrue();
            }
            oracle.put(clustering, address);
        }
        assertThat(index.size()).isEqualTo(oracle.size());
        assertThat(addresses(index, Slice.ALL, false)).isEqualTo(List.copyOf(oracle.values()));
        assertThat(addresses(index, Slice.ALL, true)).isEqualTo(List.copyOf(oracle.descendingMap().values()));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, BPlusTree.DEFAULT_MAX_NODE_SIZE})
    void iteratesSlicesInClusteringOrderAndReversed(int nodeSize) {
        RowIndex index = new RowIndex(comparator, nodeSize);
        for (long address = 0; address < 2_000; address++) {
            Clustering clustering = randomClustering();
            if (!oracle.containsKey(clustering)) add(index, clustering, address);
        }
        for (int round = 0; round < 500; round++) {
            Slice slice = randomSlice();
            NavigableMap<ClusteringPrefix, Long> expected = comparator.isEmpty(slice) ? new TreeMap<>()
                    : oracle.subMap(slice.start(), true, slice.end(), true);
            assertThat(addresses(index, slice, false)).isEqualTo(List.copyOf(expected.values()));
            assertThat(addresses(index, slice, true)).isEqualTo(List.copyOf(expected.descendingMap().values()));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void iteratorsSurviveInsertsAndReadTheLatestAddress(boolean reversed) {
        RowIndex index = new RowIndex(comparator, 4);
        List<Clustering> rows = new ArrayList<>(); // a row's id is its place here; an address is generation * 1M + id
        for (int c = 0; c < 400; c += 2) {
            rows.add(ck(c, "x"));
            add(index, ck(c, "x"), rows.size() - 1);
        }
        List<Clustering> atStart = List.copyOf(rows);
        PrimitiveIterator.OfLong addresses = index.addresses(Slice.ALL, reversed);
        List<Clustering> seen = new ArrayList<>();
        List<Clustering> addedAhead = new ArrayList<>();
        for (long generation = 1; addresses.hasNext(); generation++) {
            for (int id = 0; id < rows.size(); id++) index.repoint(rows.get(id), generation * 1_000_000 + id);
            long address = addresses.nextLong();
            assertThat(address / 1_000_000).isEqualTo(generation); // the version written after hasNext
            Clustering row = rows.get((int) (address % 1_000_000));
            seen.add(row);
            for (int i = random.nextInt(3); i > 0; i--) { // new rows, ahead of the iterator or behind it
                Clustering added = ck(random.nextInt(-10, 410), "y");
                if (oracle.containsKey(added)) continue;
                rows.add(added);
                add(index, added, generation * 1_000_000 + rows.size() - 1);
                if (comparator.compare(added, row) * (reversed ? -1 : 1) > 0) addedAhead.add(added);
            }
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(atStart).containsAll(addedAhead)
                .isSortedAccordingTo(reversed ? comparator.reversed() : comparator);
    }

    @Test
    void timeOrderedRowsFillTheirLeavesInEitherClusteringOrder() {
        RowIndex ascending = new RowIndex(comparator);
        RowIndex descending = new RowIndex(comparator);
        for (int c = 0; c < 10_000; c++) {
            ascending.add(ck(c, "a"), c);
            descending.add(ck(0, String.format("%05d", c)), c); // ck2 is DESC: each new row sorts first
        }
        assertThat(ascending.heapBytes()).isLessThan(20L * 10_000);
        assertThat(descending.heapBytes()).isLessThan(20L * 10_000);
        assertThat(addresses(ascending, Slice.ALL, false)).isSorted().hasSize(10_000);
        assertThat(addresses(descending, Slice.ALL, true)).isSorted().hasSize(10_000);
    }

    @Test
    void smallPartitionsCostASmallLeaf() {
        RowIndex index = new RowIndex(comparator);
        long empty = index.heapBytes();
        index.add(ck(1, "a"), 1);
        index.add(ck(2, "a"), 2);
        assertThat(index.heapBytes()).isEqualTo(empty).isLessThan(128);
        index.add(ck(3, "a"), 3);
        assertThat(index.heapBytes()).isGreaterThan(empty).isLessThan(150);
    }

    private void add(RowIndex index, Clustering clustering, long address) {
        if (oracle.containsKey(clustering)) return;
        index.add(clustering, address);
        oracle.put(clustering, address);
    }

    private Clustering randomClustering() {
        return ck(random.nextInt(-50, 50), Character.toString('a' + random.nextInt(26)));
    }

    private Slice randomSlice() {
        return new Slice(randomBound(true), randomBound(false));
    }

    private ClusteringBound randomBound(boolean start) {
        int components = random.nextInt(3);
        boolean inclusive = random.nextBoolean();
        ByteBuffer[] prefix = components == 0 ? new ByteBuffer[0] : components == 1 ? new ByteBuffer[]{i(random.nextInt(-60, 60))}
                : new ByteBuffer[]{i(random.nextInt(-60, 60)), t(Character.toString('a' + random.nextInt(26)))};
        if (components == 0) return start ? ClusteringBound.BOTTOM : ClusteringBound.TOP;
        return start ? ClusteringBound.start(inclusive, prefix) : ClusteringBound.end(inclusive, prefix);
    }

    private static List<Long> addresses(RowIndex index, Slice slice, boolean reversed) {
        List<Long> addresses = new ArrayList<>();
        index.addresses(slice, reversed).forEachRemaining((long address) -> addresses.add(address));
        return addresses;
    }
}
