package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** QUERY: <query>[long string] then the query parameters. */
public record QueryRequest(String query, QueryOptions options) implements Request {
    public static QueryRequest decode(ByteBuf in, ProtocolVersion version) {
        String query = WireFormat.readLongString(in);
        return new QueryRequest(query, QueryOptions.decode(in, version));
    }

    @Override public Opcode opcode() { return Opcode.QUERY; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version) {
        WireFormat.writeLongString(out, query);
        options.encode(out, version);
    }
}
