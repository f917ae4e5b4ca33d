package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * RESULT Prepared: statement id, (v5) result metadata id, bind variable metadata and the metadata
 * of the rows the statement will return. {@code resultMetadataId} is ignored before v5.
 */
public record PreparedResult(byte[] statementId, byte[] resultMetadataId, PreparedMetadata variables,
                             ResultMetadata resultMetadata) implements Result {
    @Override public int kind() { return PREPARED; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        out.writeInt(PREPARED);
        WireFormat.writeShortBytes(out, statementId);
        if (version.isAtLeast(ProtocolVersion.V5)) {
            WireFormat.writeShortBytes(out, resultMetadataId);
        }
        variables.encode(out, version, types);
        resultMetadata.encode(out, version, types);
    }

    static PreparedResult decodeBody(ByteBuf in, ProtocolVersion version, ColumnTypeCodec types) {
        byte[] id = WireFormat.readShortBytes(in);
        byte[] resultMetadataId = version.isAtLeast(ProtocolVersion.V5) ? WireFormat.readShortBytes(in) : null;
        PreparedMetadata variables = PreparedMetadata.decode(in, version, types);
        return new PreparedResult(id, resultMetadataId, variables, ResultMetadata.decode(in, version, types));
    }
}
