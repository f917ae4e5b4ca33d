package org.charybdis.storage.sai;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SSTable's terms laid out by {@link SegmentBuilder} and searched by {@link Segment}: exact terms, open and closed
 * ranges, in table order from a partition or just after a row, partition-level terms.
 */
class SegmentTest {
    private static final UUID V = new UUID(0, 1);
    private static final UUID W = new UUID(0, 2);
    private static final Comparator<PrimaryKey> ORDER = PrimaryKey.order(new ClusteringComparator(List.of(UnsignedBytes.ORDER), List.of(false)));
    private static final AttachedIndex ON_V = new AttachedIndex(V, false, valuesOf(1));
    private static final AttachedIndex ON_W = new AttachedIndex(W, false, valuesOf(2));

    @Test
    void findsTheRowsOfEveryTermInsideTheRange() {
        SegmentBuilder builder = new SegmentBuilder(List.of(ON_V, ON_W), 1);
        for (int row = 0; row < 100; row++) {
            DecoratedKey key = new DecoratedKey(row / 10, bytes(row / 10));
            builder.row(key, Clustering.of(bytes(row % 10)), List.of(
                    Cell.regular(1, null, bytes(row % 7), 1), Cell.regular(2, null, bytes(row), 1), Cell.tombstone(3, null, 1, 1)));
        }
        Segment segment = Segment.open(builder.body().copy());
        assertThat(segment.covers(V)).isTrue();
        assertThat(segment.covers(new UUID(9, 9))).isFalse();

        assertThat(rows(segment, W, TermRange.exactly(bytes(42)))).containsExactly(42);
        assertThat(rows(segment, W, new TermRange(bytes(95), false, null, false))).containsExactly(96, 97, 98, 99);
        assertThat(rows(segment, W, new TermRange(null, false, bytes(2), true))).containsExactly(0, 1, 2);
        assertThat(rows(segment, W, new TermRange(bytes(10), true, bytes(13), false))).containsExactly(10, 11, 12);
        assertThat(rows(segment, W, new TermRange(bytes(200), true, null, false))).isEmpty();
        assertThat(rows(segment, V, TermRange.exactly(bytes(6)))).containsExactly(6, 13, 20, 27, 34, 41, 48, 55, 62, 69, 76, 83, 90, 97);
        assertThat(rows(segment, V, TermRange.exactly(bytes(6)), SearchStart.atPartition(new DecoratedKey(7, bytes(7))))).containsExactly(76, 83, 90, 97);
        assertThat(rows(segment, W, new TermRange(bytes(50), true, null, false), SearchStart.atPartition(new DecoratedKey(8, bytes(8)))))
                .containsExactly(80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99);
        // several terms merge into table order; a later round starts just after the last row it returned
        assertThat(rows(segment, V, new TermRange(bytes(5), true, bytes(6), true))).startsWith(5, 6, 12, 13, 19, 20, 26, 27);
        PrimaryKey row41 = new PrimaryKey(new DecoratedKey(4, bytes(4)), Clustering.of(bytes(1)));
        assertThat(rows(segment, V, new TermRange(bytes(5), true, bytes(6), true), SearchStart.after(row41))).startsWith(47, 48, 54, 55);
        assertThat(rows(segment, W, new TermRange(null, false, bytes(45), false), SearchStart.after(row41))).containsExactly(42, 43, 44);
    }

    @Test
    void partitionLevelTermsPostThePartitionBeforeItsRows() {
        UUID s = new UUID(0, 3);
        AttachedIndex onStatic = new AttachedIndex(s, true, valuesOf(3));
        SegmentBuilder builder = new SegmentBuilder(List.of(ON_V, onStatic), 1);
        for (int partition = 0; partition < 4; partition++) {
            DecoratedKey key = new DecoratedKey(partition, bytes(partition));
            builder.partition(key, partition == 3 ? List.of() : List.of(Cell.regular(3, null, bytes(partition % 2), 1)));
            for (int row = 0; row < 3; row++) builder.row(key, Clustering.of(bytes(row)), List.of(Cell.regular(1, null, bytes(row), 1)));
        }
        Segment segment = Segment.open(builder.body().copy());
        List<String> partitions = new ArrayList<>();
        segment.search(s, TermRange.exactly(bytes(0)), null, ORDER)
                .forEachRemaining(hit -> partitions.add(hit.partition().key().getInt(0) + (hit.clustering().isStatic() ? " static" : "")));
        assertThat(partitions).containsExactly("0 static", "2 static");
        assertThat(rows(segment, V, TermRange.exactly(bytes(2)))).containsExactly(2, 12, 22, 32);
    }

    @Test
    void aLongPostingsListResumesAtAnyRow() {
        SegmentBuilder builder = new SegmentBuilder(List.of(ON_V), 1);
        for (int row = 0; row < 3000; row++) {
            DecoratedKey key = new DecoratedKey(row / 10, bytes(row / 10));
            builder.row(key, Clustering.of(bytes(row % 10)), List.of(Cell.regular(1, null, bytes(row % 3 == 0 ? 0 : 1), 1)));
        }
        Segment segment = Segment.open(builder.body().copy());
        for (int from : new int[] {0, 1, 127, 128, 383, 384, 385, 1500, 2997, 2998, 2999}) {
            PrimaryKey before = new PrimaryKey(new DecoratedKey(from / 10, bytes(from / 10)), Clustering.of(bytes(from % 10)));
            List<Integer> expected = new ArrayList<>();
            for (int row = from + 1; row < 3000; row++) if (row % 3 == 0) expected.add(row);
            assertThat(rows(segment, V, TermRange.exactly(bytes(0)), SearchStart.after(before))).as("after " + from).isEqualTo(expected);
        }
    }

    @Test
    void rangesOfOneIndexIntersect() {
        TermRange above = new TermRange(bytes(3), false, null, false);
        TermRange below = new TermRange(null, false, bytes(8), true);
        assertThat(above.intersect(below)).isEqualTo(new TermRange(bytes(3), false, bytes(8), true));
        assertThat(above.intersect(new TermRange(bytes(3), true, null, false))).isEqualTo(above);
        assertThat(new TermRange(bytes(9), true, null, false).intersect(below).isEmpty()).isTrue();
    }

    /** The rows found, as the row numbers the test wrote (partition * 10 + clustering). */
    private static List<Integer> rows(Segment segment, UUID index, TermRange range) {
        return rows(segment, index, range, null);
    }

    /** The same, from where {@code start} says. */
    private static List<Integer> rows(Segment segment, UUID index, TermRange range, SearchStart start) {
        List<Integer> rows = new ArrayList<>();
        segment.search(index, range, start, ORDER).forEachRemaining(hit -> rows.add(hit.partition().key().getInt(0) * 10 + hit.clustering().get(0).getInt(0)));
        return rows;
    }

    /** The values of the column's live cells. */
    private static AttachedIndex.RowTerms valuesOf(int column) {
        return (partition, clustering, cells, terms) -> {
            for (Cell cell : cells) if (cell.column() == column && !cell.isTombstone()) terms.accept(cell.value());
        };
    }

    /** A non-negative int whose unsigned byte order is its numeric order. */
    private static ByteBuffer bytes(int value) {
        return ByteBuffer.allocate(4).putInt(0, value);
    }
}
