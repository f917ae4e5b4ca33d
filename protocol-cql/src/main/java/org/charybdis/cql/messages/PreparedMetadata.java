package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * The bind variables of a prepared statement and (v4+) which of them make up the partition key, in
 * partition key order, so token-aware drivers can route without schema lookups.
 */
public record PreparedMetadata(List<ColumnSpec> variables, int[] partitionKeyIndexes) {
    public static final PreparedMetadata EMPTY = new PreparedMetadata(List.of(), new int[0]);

    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        boolean global = ColumnSpecs.shareTable(variables);
        out.writeInt(global ? ColumnSpecs.GLOBAL_TABLES_SPEC : 0);
        out.writeInt(variables.size());
        if (version.isAtLeast(ProtocolVersion.V4)) {
            out.writeInt(partitionKeyIndexes.length);
            for (int index : partitionKeyIndexes) {
                out.writeShort(index);
            }
        }
        ColumnSpecs.write(out, variables, global, types);
    }

    public static PreparedMetadata decode(ByteBuf in, ProtocolVersion version, ColumnTypeCodec types) {
        int flags = WireFormat.readInt(in, "prepared metadata flags");
        int count = WireFormat.readInt(in, "bind variable count");
        int[] pk = new int[0];
        if (version.isAtLeast(ProtocolVersion.V4)) {
            int pkCount = WireFormat.readCount(in, WireFormat.readInt(in, "partition key count"), 2, "pk index");
            pk = new int[pkCount];
            for (int i = 0; i < pkCount; i++) {
                pk[i] = in.readUnsignedShort();
            }
        }
        List<ColumnSpec> variables = ColumnSpecs.read(in, count, (flags & ColumnSpecs.GLOBAL_TABLES_SPEC) != 0, types);
        return new PreparedMetadata(variables, pk);
    }
}
