package org.charybdis.storage.data;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationTest {
    private static final long NOW = 1000;

    @Test
    void higherTimestampWinsWhateverTheKind() {
        Cell older = Cell.tombstone(1, null, 10, NOW);
        Cell newer = Cell.regular(1, null, value(1), 11);
        assertThat(Reconciliation.winner(older, newer)).isSameAs(newer);
        assertThat(Reconciliation.winner(newer, older)).isSameAs(newer);
    }

    @Test
    void onEqualTimestampsTombstoneBeatsLiveCell() {
        Cell live = Cell.regular(1, null, value(9), 10);
        Cell tombstone = Cell.tombstone(1, null, 10, NOW);
        assertThat(Reconciliation.winner(live, tombstone)).isSameAs(tombstone);
        assertThat(Reconciliation.winner(tombstone, live)).isSameAs(tombstone);
    }

    @Test
    void onEqualTimestampsExpiringBeatsRegularAndLosesToTombstone() {
        Cell regular = Cell.regular(1, null, value(9), 10);
        Cell expiring = Cell.expiring(1, null, value(1), 10, 60, NOW);
        Cell tombstone = Cell.tombstone(1, null, 10, NOW - 500);
        assertThat(Reconciliation.winner(regular, expiring)).isSameAs(expiring);
        assertThat(Reconciliation.winner(expiring, tombstone)).isSameAs(tombstone);
    }

    @Test
    void betweenExpiringCellsTheLaterExpirationWinsBeforeTheValue() {
        Cell shortLived = Cell.expiring(1, null, value(9), 10, 10, NOW);
        Cell longLived = Cell.expiring(1, null, value(1), 10, 20, NOW);
        assertThat(Reconciliation.winner(shortLived, longLived)).isSameAs(longLived);
    }

    @Test
    void otherwiseTheGreaterUnsignedValueWins() {
        Cell small = Cell.regular(1, null, value(1), 10);
        Cell negative = Cell.regular(1, null, value(-1), 10); // 0xffffffff: greater unsigned
        assertThat(Reconciliation.winner(small, negative)).isSameAs(negative);
        assertThat(Reconciliation.winner(negative, small)).isSameAs(negative);
    }

    @Test
    void rowMarkers() {
        LivenessInfo plain = LivenessInfo.of(10, 0, NOW);
        LivenessInfo expiring = LivenessInfo.of(10, 5, NOW);
        LivenessInfo newer = LivenessInfo.of(11, 0, NOW);
        assertThat(Reconciliation.winner(plain, expiring)).isSameAs(expiring);
        assertThat(Reconciliation.winner(expiring, newer)).isSameAs(newer);
        assertThat(Reconciliation.winner(LivenessInfo.EMPTY, plain)).isSameAs(plain);
    }

    @Test
    void deletionsShadowDataAtOrBeforeTheirTimestamp() {
        DeletionTime deletion = new DeletionTime(10, NOW);
        assertThat(deletion.deletes(Cell.regular(1, null, value(1), 10))).isTrue();
        assertThat(deletion.deletes(Cell.regular(1, null, value(1), 11))).isFalse();
        assertThat(DeletionTime.LIVE.deletes(Cell.regular(1, null, value(1), Long.MIN_VALUE + 1))).isFalse();
        assertThat(DeletionTime.max(deletion, new DeletionTime(9, NOW + 5))).isSameAs(deletion);
        assertThat(DeletionTime.max(DeletionTime.LIVE, deletion)).isSameAs(deletion);
    }

    @Test
    void expiringCellsDieAtTheirExpirationSecond() {
        Cell cell = Cell.expiring(1, null, value(1), 10, 5, NOW);
        assertThat(cell.isLive(NOW + 4)).isTrue();
        assertThat(cell.isLive(NOW + 5)).isFalse();
        assertThat(cell.remainingTtl(NOW + 2)).isEqualTo(3);
    }

    private static ByteBuffer value(int v) {
        return ByteBuffer.allocate(4).putInt(0, v);
    }
}
