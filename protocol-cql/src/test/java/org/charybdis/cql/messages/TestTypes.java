package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import org.charybdis.cql.types.CqlType;

/** Two native types with their [option] ids, standing in for the type system in metadata tests. */
final class TestTypes implements ColumnTypeCodec {
    static final TestTypes CODEC = new TestTypes();
    static final CqlType INT = new NativeType("int", 0x0009);
    static final CqlType TEXT = new NativeType("text", 0x000D);

    record NativeType(String cqlName, int optionId) implements CqlType {
        @Override public ByteBuffer serialize(Object value) { throw new UnsupportedOperationException(); }
        @Override public Object deserialize(ByteBuffer bytes) { throw new UnsupportedOperationException(); }
        @Override public int compare(ByteBuffer a, ByteBuffer b) { return a.compareTo(b); }
    }

    @Override
    public void write(ByteBuf out, CqlType type) {
        out.writeShort(((NativeType) type).optionId());
    }

    @Override
    public CqlType read(ByteBuf in) {
        int id = WireFormat.readUnsignedShort(in, "type option");
        return switch (id) {
            case 0x0009 -> INT;
            case 0x000D -> TEXT;
            default -> throw new org.charybdis.cql.exceptions.ProtocolException("unknown test type " + id);
        };
    }
}
