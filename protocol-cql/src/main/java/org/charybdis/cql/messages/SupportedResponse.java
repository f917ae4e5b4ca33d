package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** SUPPORTED: a [string multimap] of STARTUP options and their values (also PROTOCOL_VERSIONS). */
public record SupportedResponse(Map<String, List<String>> options) implements Response {
    public static SupportedResponse decode(ByteBuf in) {
        return new SupportedResponse(WireFormat.readStringMultimap(in));
    }

    @Override public Opcode opcode() { return Opcode.SUPPORTED; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        WireFormat.writeStringMultimap(out, options);
    }
}
