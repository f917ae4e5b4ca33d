package org.charybdis.cql.types;

import io.netty.buffer.ByteBuf;

/** API stub, completed by the type-system work: the native protocol's [option] encoding of a type. */
public final class TypeOption {
    private TypeOption() {}

    public static void write(ByteBuf out, CqlType type) { throw new UnsupportedOperationException("stub"); }

    public static CqlType read(ByteBuf in) { throw new UnsupportedOperationException("stub"); }
}
