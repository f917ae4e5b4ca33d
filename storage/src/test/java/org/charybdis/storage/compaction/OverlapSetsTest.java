package org.charybdis.storage.compaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverlapSetsTest {
    private static final TestSSTable A = TestSSTable.tokens(1, 0, 3);
    private static final TestSSTable B = TestSSTable.tokens(2, 2, 7);
    private static final TestSSTable C = TestSSTable.tokens(3, 6, 9);
    private static final TestSSTable D = TestSSTable.tokens(4, 1, 8);

    @Test
    void designDocExample() {
        List<List<TestSSTable>> sets = OverlapSets.of(List.of(A, B, C, D));
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0)).containsExactlyInAnyOrder(A, B, D);
        assertThat(sets.get(1)).containsExactlyInAnyOrder(B, C, D);
        assertThat(OverlapSets.maxOverlap(sets)).isEqualTo(3);
    }

    @Test
    void disjointSSTablesAreAlone() {
        TestSSTable x = TestSSTable.tokens(1, 0, 10);
        TestSSTable y = TestSSTable.tokens(2, 11, 20);
        TestSSTable z = TestSSTable.tokens(3, 30, 40);
        List<List<TestSSTable>> sets = OverlapSets.of(List.of(z, y, x));
        assertThat(sets).containsExactly(List.of(x), List.of(y), List.of(z));
    }

    @Test
    void sharedEndTokenIsAnOverlap() {
        TestSSTable x = TestSSTable.tokens(1, 0, 10);
        TestSSTable y = TestSSTable.tokens(2, 10, 20);
        assertThat(OverlapSets.of(List.of(x, y))).hasSize(1);
        assertThat(x.overlaps(y)).isTrue();
    }

    @Test
    void aWideSSTableJoinsEverySetItSpans() {
        TestSSTable wide = TestSSTable.tokens(1, 0, 100);
        TestSSTable left = TestSSTable.tokens(2, 1, 2);
        TestSSTable right = TestSSTable.tokens(3, 50, 60);
        List<List<TestSSTable>> sets = OverlapSets.of(List.of(left, right, wide));
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0)).containsExactlyInAnyOrder(wide, left);
        assertThat(sets.get(1)).containsExactlyInAnyOrder(wide, right);
    }

    @Test
    void identicalSpansFormOneSet() {
        List<TestSSTable> same = List.of(TestSSTable.tokens(1, 5, 9), TestSSTable.tokens(2, 5, 9), TestSSTable.tokens(3, 5, 9));
        assertThat(OverlapSets.of(same)).hasSize(1).first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(3);
    }

    @Test
    void emptyInputHasNoSets() {
        assertThat(OverlapSets.<TestSSTable>of(List.of())).isEmpty();
        assertThat(OverlapSets.maxOverlap(List.of())).isZero();
    }

    @Test
    void connectedGroupsFollowTransitiveOverlap() {
        TestSSTable far = TestSSTable.tokens(5, 100, 110);
        List<List<TestSSTable>> groups = OverlapSets.connectedGroups(List.of(far, C, A, B, D));
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).containsExactlyInAnyOrder(A, B, C, D);
        assertThat(groups.get(1)).containsExactly(far);
    }
}
