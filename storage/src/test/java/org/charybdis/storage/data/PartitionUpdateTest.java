package org.charybdis.storage.data;

import org.charybdis.storage.dht.DecoratedKey;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionUpdateTest {
    private static final long NOW = 1_000;

    private static ByteBuffer bytes(int value) {
        return ByteBuffer.allocate(4).putInt(0, value);
    }

    @Test
    void restampingPutsDataAtTheTimestampAndDeletionsJustBefore() {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(DecoratedKey.of(bytes(1)));
        builder.deletePartition(5, NOW);
        builder.deleteRange(Slice.ALL, 5, NOW);
        builder.row(Clustering.of(bytes(1))).marker(5, 0, NOW).cell(0, bytes(7), 5, 10, NOW).deleteComplex(1, 4, NOW)
                .cell(1, bytes(9), bytes(9), 5, 0, NOW);
        builder.staticRow().deleteCell(2, 5, NOW);

        PartitionUpdate restamped = builder.build().withUpdatedTimestamps(100);

        assertThat(restamped.partitionDeletion()).isEqualTo(new DeletionTime(99, NOW));
        assertThat(restamped.rangeTombstones().getFirst().deletion()).isEqualTo(new DeletionTime(99, NOW));
        RowUpdate row = restamped.rows().getFirst();
        assertThat(row.liveness()).isEqualTo(new LivenessInfo(100, 0, LivenessInfo.NO_EXPIRATION_TIME));
        assertThat(row.cells()).extracting(Cell::timestamp).containsExactly(100L, 100L);
        assertThat(row.cells().getFirst().ttl()).isEqualTo(10);
        assertThat(row.complexDeletions()).containsExactly(new ComplexDeletion(1, new DeletionTime(99, NOW)));
        assertThat(restamped.staticRow().cells()).extracting(Cell::timestamp).containsExactly(100L);
    }

    @Test
    void dataShadowedByItsOwnRowDeletionIsDroppedBeforeRestamping() {
        // BEGIN BATCH DELETE FROM t WHERE k = 1 AND c = 1 IF ...; INSERT INTO t (k, c, v) VALUES (1, 1, 7); APPLY BATCH
        // leaves no row in Cassandra 5.0: the deletion and the insert share one timestamp before the ballot's
        PartitionUpdate.Builder builder = PartitionUpdate.builder(DecoratedKey.of(bytes(1)));
        builder.row(Clustering.of(bytes(1))).delete(5, NOW).marker(5, 0, NOW).cell(0, bytes(7), 5, 0, NOW)
                .deleteComplex(1, 5, NOW).cell(1, bytes(3), bytes(3), 5, 0, NOW);

        RowUpdate row = builder.build().withUpdatedTimestamps(100).rows().getFirst();

        assertThat(row.deletion()).isEqualTo(new DeletionTime(99, NOW));
        assertThat(row.liveness().isEmpty()).isTrue();
        assertThat(row.cells()).isEmpty();
    }
}
