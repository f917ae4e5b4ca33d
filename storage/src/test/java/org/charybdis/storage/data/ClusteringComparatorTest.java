package org.charybdis.storage.data;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusteringComparatorTest {
    private static final Comparator<ByteBuffer> INT = Comparator.comparingInt(b -> b.getInt(b.position()));
    private final ClusteringComparator ascDesc = new ClusteringComparator(List.of(INT, INT), List.of(false, true));

    @Test
    void componentsCompareWithTheirOwnOrderAndDirection() {
        assertThat(ascDesc.compare(c(1, 5), c(2, 0))).isNegative();
        assertThat(ascDesc.compare(c(1, 5), c(1, 4))).isNegative(); // second component DESC
        assertThat(ascDesc.compare(c(1, 5), c(1, 5))).isZero();
        assertThat(ascDesc.compare(Clustering.STATIC, c(Integer.MIN_VALUE, 0))).isNegative();
    }

    @Test
    void prefixBoundsSitBeforeOrAfterTheirGroup() {
        ClusteringBound startIncl = ClusteringBound.start(true, i(1));
        ClusteringBound startExcl = ClusteringBound.start(false, i(1));
        ClusteringBound endIncl = ClusteringBound.end(true, i(1));
        ClusteringBound endExcl = ClusteringBound.end(false, i(1));
        for (int second : new int[]{-5, 0, 5}) {
            assertThat(ascDesc.compare(startIncl, c(1, second))).isNegative();
            assertThat(ascDesc.compare(startExcl, c(1, second))).isPositive();
            assertThat(ascDesc.compare(endIncl, c(1, second))).isPositive();
            assertThat(ascDesc.compare(endExcl, c(1, second))).isNegative();
        }
        assertThat(ascDesc.compare(startExcl, c(2, 0))).isNegative();
        assertThat(ascDesc.compare(endIncl, c(0, 0))).isPositive();
        assertThat(ascDesc.compare(ClusteringBound.BOTTOM, c(Integer.MIN_VALUE, 0))).isNegative();
        assertThat(ascDesc.compare(ClusteringBound.TOP, c(Integer.MAX_VALUE, 0))).isPositive();
    }

    @Test
    void slicesContainAndIntersect() {
        Slice oneToTwo = new Slice(ClusteringBound.start(true, i(1)), ClusteringBound.end(false, i(2)));
        assertThat(ascDesc.contains(oneToTwo, c(1, 100))).isTrue();
        assertThat(ascDesc.contains(oneToTwo, c(2, 0))).isFalse();
        assertThat(ascDesc.contains(Slice.ALL, c(7, 7))).isTrue();
        assertThat(ascDesc.contains(Slice.exactly(c(1, 3)), c(1, 3))).isTrue();
        assertThat(ascDesc.contains(Slice.exactly(c(1, 3)), c(1, 2))).isFalse();
        Slice twoOnwards = new Slice(ClusteringBound.start(true, i(2)), ClusteringBound.TOP);
        assertThat(ascDesc.intersects(oneToTwo, twoOnwards)).isFalse();
        assertThat(ascDesc.intersects(oneToTwo, Slice.exactly(c(1, 9)))).isTrue();
    }

    @Test
    void emptySlices() {
        assertThat(ascDesc.isEmpty(new Slice(ClusteringBound.start(false, i(1)), ClusteringBound.end(true, i(1))))).isTrue();
        assertThat(ascDesc.isEmpty(new Slice(ClusteringBound.start(true, i(1)), ClusteringBound.end(false, i(1))))).isTrue();
        assertThat(ascDesc.isEmpty(new Slice(ClusteringBound.start(true, i(1)), ClusteringBound.end(true, i(1))))).isFalse();
        assertThat(ascDesc.isEmpty(new Slice(ClusteringBound.start(true, i(3)), ClusteringBound.end(true, i(2))))).isTrue();
        assertThat(ascDesc.isEmpty(Slice.ALL)).isFalse();
    }

    @Test
    void tablesWithoutClusteringColumnsHaveOneRow() {
        assertThat(ClusteringComparator.none().contains(Slice.ALL, Clustering.EMPTY)).isTrue();
    }

    private static Clustering c(int a, int b) { return Clustering.of(i(a), i(b)); }

    private static ByteBuffer i(int v) { return ByteBuffer.allocate(4).putInt(0, v); }
}
