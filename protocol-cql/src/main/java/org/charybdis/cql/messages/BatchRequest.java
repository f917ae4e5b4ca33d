package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * BATCH: <type><n><query_1>...<query_n> then consistency, flags and the optional serial
 * consistency, timestamp, keyspace (v5) and now_in_seconds (v5), held in {@code options} (whose
 * values are empty and paging unset).
 */
public record BatchRequest(BatchType type, List<BatchStatement> statements, QueryOptions options) implements Request {
    private static final int QUERY_STRING = 0;
    private static final int PREPARED_ID = 1;

    public static BatchRequest decode(ByteBuf in, ProtocolVersion version) {
        BatchType type = BatchType.fromCode(WireFormat.readUnsignedByte(in, "batch type"));
        int n = WireFormat.readCount(in, WireFormat.readUnsignedShort(in, "batch size"), 5, "batch statement");
        List<BatchStatement> statements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            statements.add(decodeStatement(in, version));
        }
        return new BatchRequest(type, statements, QueryOptions.decodeBatch(in, version));
    }

    private static BatchStatement decodeStatement(ByteBuf in, ProtocolVersion version) {
        int kind = WireFormat.readUnsignedByte(in, "batch statement kind");
        String query = null;
        byte[] id = null;
        if (kind == QUERY_STRING) {
            query = WireFormat.readLongString(in);
        } else if (kind == PREPARED_ID) {
            id = WireFormat.readShortBytes(in);
        } else {
            throw new ProtocolException("Invalid query kind in BATCH messages. Must be 0 or 1 but got " + kind);
        }
        int count = WireFormat.readCount(in, WireFormat.readUnsignedShort(in, "value count"), 4, "value");
        List<ByteBuffer> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(WireFormat.readValue(in, version));
        }
        return new BatchStatement(query, id, values);
    }

    @Override public Opcode opcode() { return Opcode.BATCH; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version) {
        out.writeByte(type.code());
        out.writeShort(statements.size());
        for (BatchStatement statement : statements) {
            if (statement.isPrepared()) {
                out.writeByte(PREPARED_ID);
                WireFormat.writeShortBytes(out, statement.preparedId());
            } else {
                out.writeByte(QUERY_STRING);
                WireFormat.writeLongString(out, statement.query());
            }
            out.writeShort(statement.values().size());
            for (ByteBuffer value : statement.values()) {
                WireFormat.writeValue(out, value);
            }
        }
        options.encodeBatch(out, version);
    }
}
