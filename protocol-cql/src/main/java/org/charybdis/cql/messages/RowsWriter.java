package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * Streams a RESULT Rows body straight into a frame body: kind and metadata first, then values row
 * by row, and the row count patched in by {@link #finish()}. No intermediate row objects.
 *
 * <pre>{@code
 * RowsWriter rows = RowsWriter.begin(body, version, metadata, ColumnTypeCodec.NATIVE);
 * rows.value(a).value(b).endRow();
 * rows.finish();
 * }</pre>
 */
public final class RowsWriter {
    private final ByteBuf out;
    private final int columnCount;
    private final int countIndex;
    private int valuesInRow;
    private int rowCount;

    private RowsWriter(ByteBuf out, int columnCount, int countIndex) {
        this.out = out;
        this.columnCount = columnCount;
        this.countIndex = countIndex;
    }

    public static RowsWriter begin(ByteBuf out, ProtocolVersion version, ResultMetadata metadata,
                                   ColumnTypeCodec types) {
        out.writeInt(Result.ROWS);
        metadata.encode(out, version, types);
        int countIndex = out.writerIndex();
        out.writeInt(0);
        return new RowsWriter(out, metadata.columnCount(), countIndex);
    }

    /** The next column's serialized value; null is SQL NULL. */
    public RowsWriter value(ByteBuffer value) {
        checkRoom();
        WireFormat.writeValue(out, value);
        return this;
    }

    /** The next column's value copied from {@code value}'s readable bytes (not consumed or released). */
    public RowsWriter value(ByteBuf value) {
        checkRoom();
        out.writeInt(value.readableBytes());
        out.writeBytes(value, value.readerIndex(), value.readableBytes());
        return this;
    }

    public RowsWriter nullValue() {
        checkRoom();
        out.writeInt(-1);
        return this;
    }

    public RowsWriter endRow() {
        if (valuesInRow != columnCount) {
            throw new IllegalStateException("row has " + valuesInRow + " values, metadata has " + columnCount + " columns");
        }
        valuesInRow = 0;
        rowCount++;
        return this;
    }

    public int rowCount() {
        return rowCount;
    }

    /** Bytes written so far, for size-bounded pages. */
    public int bodySize() {
        return out.writerIndex();
    }

    /** Writes the row count; returns it. */
    public int finish() {
        if (valuesInRow != 0) {
            throw new IllegalStateException("last row is incomplete");
        }
        out.setInt(countIndex, rowCount);
        return rowCount;
    }

    private void checkRoom() {
        if (valuesInRow == columnCount) {
            throw new IllegalStateException("row already has its " + columnCount + " values; call endRow()");
        }
        valuesInRow++;
    }
}
