package org.charybdis.cql.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The native protocol's [option] encoding of a type: a [short] id, then for custom types the class
 * name, for collections their element options, for UDTs keyspace, name and fields, for tuples the
 * component options. Vectors travel as custom types named by their marshal class. Whether a
 * collection or UDT is frozen is not on the wire: types read back are frozen.
 */
public final class TypeOption {
    static final int CUSTOM = 0x0000;
    static final int LIST = 0x0020;
    static final int MAP = 0x0021;
    static final int SET = 0x0022;
    static final int UDT = 0x0030;
    static final int TUPLE = 0x0031;
    /** Deeper nesting than any real schema; stops a hostile frame from exhausting the stack. */
    private static final int MAX_DEPTH = 64;

    private TypeOption() {}

    public static void write(ByteBuf out, CqlType type) {
        switch (type) {
            case NativeType nativeType -> out.writeShort(nativeType.protocolId());
            case ListType list -> {
                out.writeShort(LIST);
                write(out, list.elementType());
            }
            case SetType set -> {
                out.writeShort(SET);
                write(out, set.elementType());
            }
            case MapType map -> {
                out.writeShort(MAP);
                write(out, map.keyType());
                write(out, map.valueType());
            }
            case UserType udt -> {
                out.writeShort(UDT);
                writeString(out, udt.keyspace());
                writeString(out, udt.name());
                out.writeShort(udt.size());
                for (int i = 0; i < udt.size(); i++) {
                    writeString(out, udt.fieldNames().get(i));
                    write(out, udt.fieldTypes().get(i));
                }
            }
            case TupleType tuple -> {
                out.writeShort(TUPLE);
                out.writeShort(tuple.size());
                for (CqlType component : tuple.subTypes()) {
                    write(out, component);
                }
            }
            default -> {
                // custom and vector types: the marshal class name stands for the type
                out.writeShort(CUSTOM);
                writeString(out, type.marshalClassName());
            }
        }
    }

    public static CqlType read(ByteBuf in) {
        return read(in, 0);
    }

    private static CqlType read(ByteBuf in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidTypeException("Type option nested deeper than " + MAX_DEPTH + " levels");
        }
        int id = in.readUnsignedShort();
        return switch (id) {
            case CUSTOM -> MarshalTypeParser.parse(readString(in));
            case LIST -> ListType.of(read(in, depth + 1), false);
            case SET -> SetType.of(read(in, depth + 1), false);
            case MAP -> {
                CqlType key = read(in, depth + 1);
                yield MapType.of(key, read(in, depth + 1), false);
            }
            case UDT -> readUserType(in, depth);
            case TUPLE -> {
                int n = in.readUnsignedShort();
                List<CqlType> components = new ArrayList<>(Math.min(n, 256));
                for (int i = 0; i < n; i++) {
                    components.add(read(in, depth + 1));
                }
                yield TupleType.of(components);
            }
            default -> {
                NativeType nativeType = NativeType.byProtocolId(id);
                if (nativeType == null) {
                    throw new InvalidTypeException(String.format("Unknown type option id 0x%04x", id));
                }
                yield nativeType;
            }
        };
    }

    private static UserType readUserType(ByteBuf in, int depth) {
        String keyspace = readString(in);
        String name = readString(in);
        int n = in.readUnsignedShort();
        List<String> names = new ArrayList<>(Math.min(n, 256));
        List<CqlType> types = new ArrayList<>(Math.min(n, 256));
        for (int i = 0; i < n; i++) {
            names.add(readString(in));
            types.add(read(in, depth + 1));
        }
        return UserType.of(keyspace, name, names, types, false);
    }

    private static void writeString(ByteBuf out, String s) {
        int length = ByteBufUtil.utf8Bytes(s);
        if (length > 0xFFFF) {
            throw new InvalidTypeException("Name too long for a [string]: " + length + " bytes");
        }
        out.writeShort(length);
        out.writeCharSequence(s, StandardCharsets.UTF_8);
    }

    private static String readString(ByteBuf in) {
        int length = in.readUnsignedShort();
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }
}
