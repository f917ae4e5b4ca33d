package org.charybdis.storage.compaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompactionBucketTest {
    // A chain: P overlaps Q, Q overlaps R, P and R do not; S is apart.
    private static final TestSSTable P = TestSSTable.tokens(1, 0, 10);
    private static final TestSSTable Q = TestSSTable.tokens(2, 5, 20);
    private static final TestSSTable R = TestSSTable.tokens(3, 15, 30);
    private static final TestSSTable S = TestSSTable.tokens(4, 100, 110);
    private static final List<TestSSTable> ALL = List.of(P, Q, R, S);

    private static List<CompactionBucket<TestSSTable>> buckets(List<TestSSTable> sstables, int threshold,
                                                               OverlapInclusionMethod method) {
        return CompactionBucket.form(OverlapSets.of(sstables), threshold, method);
    }

    @Test
    void transitiveJoinsTheWholeChain() {
        List<CompactionBucket<TestSSTable>> b = buckets(ALL, 2, OverlapInclusionMethod.TRANSITIVE);
        assertThat(b).hasSize(1);
        assertThat(b.get(0).sstables()).containsExactly(P, Q, R);
        assertThat(b.get(0).maxOverlap()).isEqualTo(2);
    }

    @Test
    void noneKeepsEachSetApart() {
        List<CompactionBucket<TestSSTable>> b = buckets(ALL, 2, OverlapInclusionMethod.NONE);
        assertThat(b).extracting(CompactionBucket::sstables).containsExactly(List.of(P, Q), List.of(Q, R));
    }

    @Test
    void singleAddsOnlyDirectOverlapsOfTheTrigger() {
        // Sets: {P,Q} {Q,R} {R,T} with T beyond R; triggered at {P,Q}, SINGLE takes {Q,R} (shares Q) but not {R,T}.
        TestSSTable t = TestSSTable.tokens(5, 25, 40);
        List<CompactionBucket<TestSSTable>> b = buckets(List.of(P, Q, R, t), 2, OverlapInclusionMethod.SINGLE);
        assertThat(b).hasSize(2);
        assertThat(b.get(0).sstables()).containsExactly(P, Q, R);
        assertThat(b.get(1).sstables()).containsExactly(R, t);
        assertThat(buckets(List.of(P, Q, R, t), 2, OverlapInclusionMethod.TRANSITIVE)).hasSize(1);
    }

    @Test
    void setsBelowTheThresholdFormNoBucket() {
        assertThat(buckets(ALL, 3, OverlapInclusionMethod.TRANSITIVE)).isEmpty();
        assertThat(buckets(ALL, 3, OverlapInclusionMethod.NONE)).isEmpty();
        assertThat(buckets(ALL, 3, OverlapInclusionMethod.SINGLE)).isEmpty();
    }

    @Test
    void sstablesAreOrderedOldestFirst() {
        TestSSTable newer = TestSSTable.tokens(9, 0, 10).writtenBetween(1, 50);
        TestSSTable older = TestSSTable.tokens(8, 0, 10).writtenBetween(1, 20);
        assertThat(buckets(List.of(newer, older), 2, OverlapInclusionMethod.TRANSITIVE).get(0).sstables())
                .containsExactly(older, newer);
    }

    @Test
    void limitTakesTheOldestWithoutSkipping() {
        // Six SSTables over the same span, timestamps 1..6, limit 4: the four oldest.
        List<TestSSTable> stack = List.of(TestSSTable.tokens(6, 0, 9), TestSSTable.tokens(2, 0, 9), TestSSTable.tokens(4, 0, 9),
                                          TestSSTable.tokens(1, 0, 9), TestSSTable.tokens(5, 0, 9), TestSSTable.tokens(3, 0, 9));
        CompactionBucket<TestSSTable> bucket = buckets(stack, 2, OverlapInclusionMethod.TRANSITIVE).get(0);
        List<TestSSTable> chosen = bucket.select(4);
        assertThat(chosen).extracting(TestSSTable::generation).containsExactly(1L, 2L, 3L, 4L);
        assertThat(bucket.overlapOf(chosen)).isEqualTo(4);
        assertThat(bucket.select(6)).hasSize(6);
    }

    @Test
    void limitCountsOverlapNotSSTables() {
        // A and B are disjoint but both overlap C and D: a limit of 3 still takes all four (overlap 3).
        TestSSTable a = TestSSTable.tokens(1, 0, 4);
        TestSSTable b = TestSSTable.tokens(2, 6, 10);
        TestSSTable c = TestSSTable.tokens(3, 0, 10);
        TestSSTable d = TestSSTable.tokens(4, 0, 10);
        CompactionBucket<TestSSTable> bucket = buckets(List.of(a, b, c, d), 2, OverlapInclusionMethod.TRANSITIVE).get(0);
        assertThat(bucket.maxOverlap()).isEqualTo(3);
        assertThat(bucket.select(3)).containsExactly(a, b, c, d);
        // Limit 2: sets {a,c,d} and {b,c,d}; a, b and c fit (two per set), d would make three.
        assertThat(bucket.select(2)).containsExactly(a, b, c);
    }
}
