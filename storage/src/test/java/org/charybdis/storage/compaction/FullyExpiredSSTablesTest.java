package org.charybdis.storage.compaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FullyExpiredSSTablesTest {
    private static final long NOW = 1_000_000;

    @Test
    void expiredWithNothingOlderAroundIsDropped() {
        TestSSTable expired = TestSSTable.tokens(1, 0, 100).writtenBetween(10, 20).expiringAt(NOW - 1);
        TestSSTable newer = TestSSTable.tokens(2, 0, 100).writtenBetween(30, 40);
        assertThat(FullyExpiredSSTables.find(List.of(expired, newer), List.of(expired, newer), NOW, Long.MAX_VALUE, false))
                .containsExactly(expired);
    }

    @Test
    void notYetPurgeableIsKept() {
        TestSSTable recent = TestSSTable.tokens(1, 0, 100).expiringAt(NOW);
        assertThat(FullyExpiredSSTables.find(List.of(recent), List.of(recent), NOW, Long.MAX_VALUE, false)).isEmpty();
    }

    @Test
    void tombstonesThatMayShadowOlderOverlappingDataAreKept() {
        TestSSTable expired = TestSSTable.tokens(1, 0, 100).writtenBetween(10, 20).expiringAt(NOW - 1);
        TestSSTable older = TestSSTable.tokens(2, 50, 150).writtenBetween(5, 40);
        TestSSTable olderButApart = TestSSTable.tokens(3, 500, 600).writtenBetween(1, 2);
        assertThat(FullyExpiredSSTables.find(List.of(expired), List.of(expired, older), NOW, Long.MAX_VALUE, false)).isEmpty();
        assertThat(FullyExpiredSSTables.find(List.of(expired), List.of(expired, olderButApart), NOW, Long.MAX_VALUE, false))
                .containsExactly(expired);
    }

    @Test
    void olderDataInTheMemtableBlocksTheDrop() {
        TestSSTable expired = TestSSTable.tokens(1, 0, 100).writtenBetween(10, 20).expiringAt(NOW - 1);
        assertThat(FullyExpiredSSTables.find(List.of(expired), List.of(expired), NOW, 15, false)).isEmpty();
        assertThat(FullyExpiredSSTables.find(List.of(expired), List.of(expired), NOW, 21, false)).containsExactly(expired);
    }

    @Test
    void aggressiveExpirationSkipsTheShadowCheck() {
        TestSSTable expired = TestSSTable.tokens(1, 0, 100).writtenBetween(10, 20).expiringAt(NOW - 1);
        TestSSTable older = TestSSTable.tokens(2, 0, 100).writtenBetween(5, 40);
        assertThat(FullyExpiredSSTables.find(List.of(expired), List.of(expired, older), NOW, 0, true)).containsExactly(expired);
    }

    @Test
    void expiredSSTablesOnlyOverlappingEachOtherGoTogether() {
        TestSSTable first = TestSSTable.tokens(1, 0, 100).writtenBetween(10, 20).expiringAt(NOW - 5);
        TestSSTable second = TestSSTable.tokens(2, 0, 300).writtenBetween(5, 30).expiringAt(NOW - 1);
        assertThat(FullyExpiredSSTables.find(List.of(second, first), List.of(first, second), NOW, Long.MAX_VALUE, false))
                .containsExactly(first, second);
        // Older live data under the second (only) keeps it; once kept, the second holds data older than the
        // first's tombstones, so the first must stay too.
        TestSSTable ancient = TestSSTable.tokens(3, 200, 300).writtenBetween(1, 2);
        assertThat(FullyExpiredSSTables.find(List.of(first, second), List.of(first, second, ancient), NOW, Long.MAX_VALUE, false))
                .isEmpty();
    }
}
