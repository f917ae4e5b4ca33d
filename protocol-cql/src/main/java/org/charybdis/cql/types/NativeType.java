package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The native CQL types, as immutable singletons. */
public enum NativeType implements CqlType {
    ASCII("ascii", 0x0001, "AsciiType", StringCodecs.ASCII),
    BIGINT("bigint", 0x0002, "LongType", NumberCodecs.BIGINT),
    BLOB("blob", 0x0003, "BytesType", StringCodecs.BLOB),
    BOOLEAN("boolean", 0x0004, "BooleanType", BooleanCodec.INSTANCE),
    COUNTER("counter", 0x0005, "CounterColumnType", NumberCodecs.BIGINT),
    DECIMAL("decimal", 0x0006, "DecimalType", BigNumberCodecs.DECIMAL),
    DOUBLE("double", 0x0007, "DoubleType", NumberCodecs.DOUBLE),
    FLOAT("float", 0x0008, "FloatType", NumberCodecs.FLOAT),
    INT("int", 0x0009, "Int32Type", NumberCodecs.INT),
    TIMESTAMP("timestamp", 0x000B, "TimestampType", TemporalCodecs.TIMESTAMP),
    UUID("uuid", 0x000C, "UUIDType", UuidCodecs.UUID),
    TEXT("text", 0x000D, "UTF8Type", StringCodecs.TEXT),
    VARINT("varint", 0x000E, "IntegerType", BigNumberCodecs.VARINT),
    TIMEUUID("timeuuid", 0x000F, "TimeUUIDType", UuidCodecs.TIMEUUID),
    INET("inet", 0x0010, "InetAddressType", InetCodec.INSTANCE),
    DATE("date", 0x0011, "SimpleDateType", TemporalCodecs.DATE),
    TIME("time", 0x0012, "TimeType", TemporalCodecs.TIME),
    SMALLINT("smallint", 0x0013, "ShortType", NumberCodecs.SMALLINT),
    TINYINT("tinyint", 0x0014, "ByteType", NumberCodecs.TINYINT),
    DURATION("duration", 0x0015, "DurationType", DurationCodec.INSTANCE);

    static final String MARSHAL_PACKAGE = "org.apache.cassandra.db.marshal.";

    private static final Map<String, NativeType> BY_NAME = new HashMap<>();
    private static final Map<String, NativeType> BY_MARSHAL_CLASS = new HashMap<>();
    private static final NativeType[] BY_PROTOCOL_ID = new NativeType[0x16];

    static {
        for (NativeType type : values()) {
            BY_NAME.put(type.cqlName, type);
            BY_MARSHAL_CLASS.put(type.marshalClassName(), type);
            BY_PROTOCOL_ID[type.protocolId] = type;
        }
        BY_NAME.put("varchar", TEXT);
        // legacy names still found in old schemas and custom type strings
        BY_MARSHAL_CLASS.put(MARSHAL_PACKAGE + "DateType", TIMESTAMP);
        BY_PROTOCOL_ID[0x000A] = TEXT;
    }

    private final String cqlName;
    private final int protocolId;
    private final String marshalClass;
    private final NativeCodec codec;

    NativeType(String cqlName, int protocolId, String marshalClass, NativeCodec codec) {
        this.cqlName = cqlName;
        this.protocolId = protocolId;
        this.marshalClass = MARSHAL_PACKAGE + marshalClass;
        this.codec = codec;
    }

    /** The native type of that CQL name (case-insensitive, {@code varchar} is {@code text}), or null. */
    public static NativeType byName(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** The native type of that protocol [option] id, or null. */
    public static NativeType byProtocolId(int id) {
        return id >= 0 && id < BY_PROTOCOL_ID.length ? BY_PROTOCOL_ID[id] : null;
    }

    /** The native type of that full Cassandra marshal class name, or null. */
    public static NativeType byMarshalClassName(String className) {
        return BY_MARSHAL_CLASS.get(className);
    }

    /** The id this type has in the native protocol's [option]. */
    public int protocolId() {
        return protocolId;
    }

    @Override
    public String cqlName() {
        return cqlName;
    }

    @Override
    public String marshalClassName() {
        return marshalClass;
    }

    @Override
    public boolean isCounter() {
        return this == COUNTER;
    }

    @Override
    public int valueLengthIfFixed() {
        return codec.fixedLength();
    }

    @Override
    public ByteBuffer serialize(Object value) {
        return value == null ? null : codec.serialize(value);
    }

    @Override
    public Object deserialize(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        if (!bytes.hasRemaining() && !codec.emptyIsValue()) {
            return null;
        }
        codec.validate(bytes);
        return codec.deserialize(bytes);
    }

    @Override
    public void validate(ByteBuffer bytes) {
        codec.validate(bytes);
    }

    @Override
    public int compare(ByteBuffer a, ByteBuffer b) {
        boolean aEmpty = !a.hasRemaining();
        boolean bEmpty = !b.hasRemaining();
        if (aEmpty || bEmpty) {
            return Boolean.compare(bEmpty, aEmpty);
        }
        return codec.compare(a, b);
    }

    @Override
    public String toCqlLiteral(ByteBuffer bytes) {
        if (bytes == null) {
            return "null";
        }
        if (!bytes.hasRemaining() && !codec.emptyIsValue()) {
            // an empty value of a fixed-size type has no literal of its own; this function call rebuilds it
            return "blobAs" + cqlName.substring(0, 1).toUpperCase(Locale.ROOT) + cqlName.substring(1) + "(0x)";
        }
        return codec.toCqlLiteral(bytes);
    }

    @Override
    public ByteBuffer fromString(String text) {
        if (text.isEmpty()) {
            ByteBuffer empty = RawBytes.EMPTY.duplicate();
            codec.validate(empty);
            return empty;
        }
        return codec.fromString(text);
    }

    @Override
    public String toString() {
        return cqlName;
    }
}
