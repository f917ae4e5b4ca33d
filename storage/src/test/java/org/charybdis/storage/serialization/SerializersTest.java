package org.charybdis.storage.serialization;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;
import static org.charybdis.storage.engine.TestTables.t;

class SerializersTest {
    private final TableLayout layout = TestTables.layout();

    @Test
    void varintsRoundTripAtEveryWidth() {
        BufferWriter out = new BufferWriter(4);
        long[] values = {0, 1, 127, 128, 16383, 16384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long v : values) out.writeUnsignedVLong(v).writeVLong(v);
        BufferReader in = new BufferReader(out.view());
        for (long v : values) {
            assertThat(in.readUnsignedVLong()).isEqualTo(v);
            assertThat(in.readVLong()).isEqualTo(v);
        }
        assertThat(in.hasRemaining()).isFalse();
        assertThat(BufferWriter.unsignedVLongSize(127)).isEqualTo(1);
        assertThat(BufferWriter.unsignedVLongSize(-1)).isEqualTo(10);
    }

    @Test
    void storedRowRoundTripsWithEveryCellKind() {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(1));
        b.row(ck(1, "a")).marker(10, 60, 1000).cell(TestTables.V1, i(5), 11, 0, 1000).deleteCell(TestTables.V2, 12, 1000)
                .cell(TestTables.M, t("k"), t("v"), 13, 30, 1000).deleteComplex(TestTables.M, 9, 1000).delete(3, 999);
        Row row = RowMerger.merge(null, b.build().rows().getFirst(), layout);

        BufferWriter out = new BufferWriter();
        RowSerializer.write(row, out);
        Row back = RowSerializer.read(new BufferReader(out.view()), 2);

        assertThat(back.clustering()).isEqualTo(row.clustering());
        assertThat(back.liveness()).isEqualTo(row.liveness());
        assertThat(back.deletion()).isEqualTo(row.deletion());
        assertThat(back.cells()).isEqualTo(row.cells());
        assertThat(back.complexDeletions()).isEqualTo(row.complexDeletions());
        assertThat(RowSerializer.readClusteringAndSkip(new BufferReader(out.view()), 2)).isEqualTo(ck(1, "a"));
    }

    @Test
    void partitionUpdateRoundTrips() {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(7));
        b.deletePartition(5, 100);
        b.deleteRange(new Slice(ClusteringBound.start(false, i(1)), ClusteringBound.end(true, i(3), t("x"))), 6, 100);
        b.staticRow().cell(TestTables.S, i(9), 7, 0, 100);
        b.row(ck(2, "b")).marker(8, 0, 100).cell(TestTables.V1, i(1), 8, 0, 100);
        b.row(ck(3, "c")).deleteCell(TestTables.V1, 9, 100);
        PartitionUpdate update = b.build();

        BufferWriter out = new BufferWriter();
        PartitionUpdateSerializer.write(update, out);
        PartitionUpdate back = PartitionUpdateSerializer.read(new BufferReader(out.view()), 2);

        assertThat(back.key()).isEqualTo(update.key());
        assertThat(back.partitionDeletion()).isEqualTo(update.partitionDeletion());
        assertThat(back.rangeTombstones()).isEqualTo(update.rangeTombstones());
        assertThat(back.staticRow().cells()).isEqualTo(update.staticRow().cells());
        assertThat(back.rows()).hasSize(2);
        assertThat(back.rows().get(0).liveness()).isEqualTo(update.rows().get(0).liveness());
        assertThat(back.rows().get(1).cells()).isEqualTo(update.rows().get(1).cells());
    }

    @Test
    void truncatedInputIsReportedAsCorruption() {
        BufferWriter out = new BufferWriter();
        RowSerializer.write(RowMerger.merge(null, rowUpdate(), layout), out);
        ByteBuffer cut = ByteBuffer.wrap(out.array(), 0, out.position() - 3);
        assertThatThrownBy(() -> RowSerializer.read(new BufferReader(cut), 2)).isInstanceOf(CorruptDataException.class);
    }

    private static org.charybdis.storage.data.RowUpdate rowUpdate() {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(1));
        b.row(ck(1, "a")).marker(1, 0, 1).add(Cell.regular(TestTables.V1, null, i(3), 1));
        return b.build().rows().getFirst();
    }
}
