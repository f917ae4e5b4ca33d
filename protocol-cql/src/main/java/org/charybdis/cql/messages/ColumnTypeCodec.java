package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.TypeOption;

/**
 * How column specs write and read their [option] type. {@link #NATIVE} is the type system's
 * encoding; the seam exists so metadata can be tested without it.
 */
public interface ColumnTypeCodec {
    ColumnTypeCodec NATIVE = new ColumnTypeCodec() {
        @Override public void write(ByteBuf out, CqlType type) { TypeOption.write(out, type); }
        @Override public CqlType read(ByteBuf in) { return TypeOption.read(in); }
    };

    void write(ByteBuf out, CqlType type);

    CqlType read(ByteBuf in);
}
