package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.List;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * Rows metadata: the columns (absent when {@code noMetadata}, but {@code columnCount} always set),
 * the paging state when more pages follow, and in v5 the new result metadata id when it changed.
 */
public record ResultMetadata(List<ColumnSpec> columns, int columnCount, boolean noMetadata, ByteBuffer pagingState,
                             byte[] newMetadataId) {
    private static final int HAS_MORE_PAGES = 0x0002;
    private static final int NO_METADATA = 0x0004;
    private static final int METADATA_CHANGED = 0x0008;

    /** Metadata of a statement that returns no rows (e.g. a prepared INSERT). */
    public static final ResultMetadata EMPTY = new ResultMetadata(List.of(), 0, true, null, null);

    public static ResultMetadata of(List<ColumnSpec> columns) {
        return new ResultMetadata(columns, columns.size(), false, null, null);
    }

    /** The client asked to skip metadata (it has it from PREPARE): only the count is sent. */
    public ResultMetadata withoutColumns() {
        return new ResultMetadata(List.of(), columnCount, true, pagingState, newMetadataId);
    }

    public ResultMetadata withPagingState(ByteBuffer state) {
        return new ResultMetadata(columns, columnCount, noMetadata, state, newMetadataId);
    }

    /** v5: the metadata differs from what the client's result metadata id described. */
    public ResultMetadata withNewMetadataId(byte[] id) {
        return new ResultMetadata(columns, columnCount, false, pagingState, id);
    }

    public boolean hasMorePages() {
        return pagingState != null;
    }

    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        boolean changed = newMetadataId != null && version.isAtLeast(ProtocolVersion.V5);
        boolean global = !noMetadata && ColumnSpecs.shareTable(columns);
        int flags = (global ? ColumnSpecs.GLOBAL_TABLES_SPEC : 0) | (pagingState != null ? HAS_MORE_PAGES : 0)
                | (noMetadata ? NO_METADATA : 0) | (changed ? METADATA_CHANGED : 0);
        out.writeInt(flags);
        out.writeInt(columnCount);
        if (pagingState != null) {
            WireFormat.writeValue(out, pagingState);
        }
        if (changed) {
            WireFormat.writeShortBytes(out, newMetadataId);
        }
        if (!noMetadata) {
            ColumnSpecs.write(out, columns, global, types);
        }
    }

    public static ResultMetadata decode(ByteBuf in, ProtocolVersion version, ColumnTypeCodec types) {
        int flags = WireFormat.readInt(in, "metadata flags");
        int count = WireFormat.readInt(in, "column count");
        if (count < 0) {
            throw new org.charybdis.cql.exceptions.ProtocolException("Negative column count " + count);
        }
        ByteBuffer pagingState = (flags & HAS_MORE_PAGES) != 0 ? WireFormat.readBytes(in) : null;
        byte[] newId = (flags & METADATA_CHANGED) != 0 && version.isAtLeast(ProtocolVersion.V5)
                ? WireFormat.readShortBytes(in) : null;
        if ((flags & NO_METADATA) != 0) {
            return new ResultMetadata(List.of(), count, true, pagingState, newId);
        }
        List<ColumnSpec> columns = ColumnSpecs.read(in, count, (flags & ColumnSpecs.GLOBAL_TABLES_SPEC) != 0, types);
        return new ResultMetadata(columns, count, false, pagingState, newId);
    }
}
