package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** RESULT: an [int] kind then a kind-specific body. */
public sealed interface Result extends Response
        permits VoidResult, RowsResult, SetKeyspaceResult, PreparedResult, SchemaChangeResult {
    int VOID = 0x0001;
    int ROWS = 0x0002;
    int SET_KEYSPACE = 0x0003;
    int PREPARED = 0x0004;
    int SCHEMA_CHANGE = 0x0005;

    int kind();

    @Override
    default Opcode opcode() {
        return Opcode.RESULT;
    }

    static Result decode(ByteBuf in, ProtocolVersion version, ColumnTypeCodec types) {
        int kind = WireFormat.readInt(in, "result kind");
        return switch (kind) {
            case VOID -> VoidResult.INSTANCE;
            case ROWS -> RowsResult.decodeBody(in, version, types);
            case SET_KEYSPACE -> new SetKeyspaceResult(WireFormat.readString(in));
            case PREPARED -> PreparedResult.decodeBody(in, version, types);
            case SCHEMA_CHANGE -> new SchemaChangeResult(SchemaChange.decodeBody(in, version));
            default -> throw new ProtocolException("Unknown result kind " + kind);
        };
    }
}
