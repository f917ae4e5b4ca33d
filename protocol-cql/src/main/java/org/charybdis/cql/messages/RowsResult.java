package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * RESULT Rows with rows held in memory (each row one serialized value per column, null for NULL).
 * Large results should rather be streamed with {@link RowsWriter}.
 */
public record RowsResult(ResultMetadata metadata, List<ByteBuffer[]> rows) implements Result {
    @Override public int kind() { return ROWS; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        RowsWriter writer = RowsWriter.begin(out, version, metadata, types);
        for (ByteBuffer[] row : rows) {
            for (ByteBuffer value : row) {
                writer.value(value);
            }
            writer.endRow();
        }
        writer.finish();
    }

    static RowsResult decodeBody(ByteBuf in, ProtocolVersion version, ColumnTypeCodec types) {
        ResultMetadata metadata = ResultMetadata.decode(in, version, types);
        int columns = metadata.columnCount();
        int count = WireFormat.readCount(in, WireFormat.readInt(in, "row count"), (int) Math.max(1, Math.min(Integer.MAX_VALUE, 4L * columns)), "row");
        List<ByteBuffer[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ByteBuffer[] row = new ByteBuffer[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = WireFormat.readBytes(in);
            }
            rows.add(row);
        }
        return new RowsResult(metadata, rows);
    }
}
