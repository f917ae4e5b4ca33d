package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * EXECUTE: the prepared statement id, in v5 the result metadata id the client holds (null before
 * v5), then the query parameters.
 */
public record ExecuteRequest(byte[] statementId, byte[] resultMetadataId, QueryOptions options) implements Request {
    public static ExecuteRequest decode(ByteBuf in, ProtocolVersion version) {
        byte[] id = WireFormat.readShortBytes(in);
        byte[] resultMetadataId = version.isAtLeast(ProtocolVersion.V5) ? WireFormat.readShortBytes(in) : null;
        return new ExecuteRequest(id, resultMetadataId, QueryOptions.decode(in, version));
    }

    @Override public Opcode opcode() { return Opcode.EXECUTE; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version) {
        WireFormat.writeShortBytes(out, statementId);
        if (version.isAtLeast(ProtocolVersion.V5)) {
            WireFormat.writeShortBytes(out, resultMetadataId == null ? new byte[0] : resultMetadataId);
        }
        options.encode(out, version);
    }
}
