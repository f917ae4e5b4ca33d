package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Every CQL value written as bytes whose unsigned order is its type's {@link CqlType#compare} order, for stores that
 * compare keys as bytes (RocksDB clustering keys, storage-attached index terms). Equal values (varints with redundant
 * sign bytes, decimals of different scales, NaNs) get equal bytes, and no encoding is a proper prefix of another, so
 * encodings can be concatenated and still compare component by component.
 * <p>
 * The forms: fixed-width integers with the sign bit flipped; floats with the IEEE trick; varint and decimal a
 * length or exponent then digits; unsigned-ordered types (text, blob, inet, ...) escaped and terminated
 * ({@link ByteSink#putEscaped}); uuids the fields their compare reads, in its order; composites a marker before each
 * element (null, empty or value) and an end marker below the others, so shorter sorts first.
 */
public final class ByteComparable {
    /** Markers of composite elements, in the order compare gives them: the end, then null, empty, any value. */
    private static final int END = 0x00;
    private static final int NULL = 0x01;
    private static final int EMPTY = 0x02;
    private static final int VALUE = 0x03;

    private ByteComparable() {}

    /** The byte-ordered form of a non-empty value of {@code type} (empty values are the caller's: they sort first). */
    public static byte[] encode(CqlType type, ByteBuffer nonEmptyValue) {
        if (!nonEmptyValue.hasRemaining()) {
            throw new IllegalArgumentException("empty " + type.cqlName() + " values have no byte-ordered form here");
        }
        ByteSink out = new ByteSink(nonEmptyValue.remaining() + 8);
        write(type, nonEmptyValue, out);
        return out.toArray();
    }

    private static void write(CqlType type, ByteBuffer value, ByteSink out) {
        switch (type) {
            case NativeType nativeType -> writeNative(nativeType, value, out);
            case CollectionType collection -> writeCollection(collection, value, out);
            case TupleType tuple -> writeFields(tuple.subTypes(), value, out, "Tuple");
            case UserType udt -> writeFields(udt.fieldTypes(), value, out, "UDT");
            case VectorType vector -> writeElements(vector.elementType(), vector.split(value), out);
            case CustomType ignored -> out.putEscaped(value); // compared as unsigned bytes
            default -> throw new IllegalArgumentException("no byte-ordered form for " + type.cqlName());
        }
    }

    private static void writeNative(NativeType type, ByteBuffer value, ByteSink out) {
        int at = value.position();
        switch (type) {
            case ASCII, TEXT, BLOB, INET, DURATION -> out.putEscaped(value);
            case BOOLEAN -> out.put(value.get(at) != 0 ? 1 : 0);
            case TINYINT -> out.put(value.get(at) ^ 0x80);
            case SMALLINT -> {
                out.put(value.get(at) ^ 0x80);
                out.put(value.get(at + 1));
            }
            case INT -> out.putInt(value.getInt(at) ^ Integer.MIN_VALUE);
            case BIGINT, COUNTER, TIMESTAMP -> out.putLong(value.getLong(at) ^ Long.MIN_VALUE);
            case DATE, TIME -> out.putRaw(value, at, type.valueLengthIfFixed()); // compared unsigned already
            case FLOAT -> out.putInt(orderedBits(Float.floatToIntBits(value.getFloat(at))));
            case DOUBLE -> out.putLong(orderedBits(Double.doubleToLongBits(value.getDouble(at))));
            case VARINT -> ByteComparableNumbers.writeVarint(value, out);
            case DECIMAL -> ByteComparableNumbers.writeDecimal(value, out);
            case UUID -> writeUuid(value, out);
            case TIMEUUID -> writeTimeUuid(value, out);
        }
    }

    /** IEEE 754 as unsigned bits: positives above negatives, and negatives (sign-magnitude) reversed. */
    private static int orderedBits(int bits) {
        return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
    }

    private static long orderedBits(long bits) {
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    /** What {@link UuidCodecs#compareUuids} reads, in its order: version, the timestamp of version 1, then both longs. */
    private static void writeUuid(ByteBuffer value, ByteSink out) {
        int version = UuidCodecs.version(value);
        long msb = value.getLong(value.position());
        out.put(version);
        if (version == 1) out.putLong(UuidCodecs.timestamp(msb)); // 60 bits: never negative
        out.putLong(msb);
        out.putLong(value.getLong(value.position() + 8));
    }

    /** What {@link UuidCodecs#compareTimeUuids} reads: the timestamp, then the low bytes compared as signed bytes. */
    private static void writeTimeUuid(ByteBuffer value, ByteSink out) {
        out.putLong(UuidCodecs.timestamp(value.getLong(value.position())));
        for (int i = 8; i < 16; i++) out.put(value.get(value.position() + i) ^ 0x80);
    }

    /** Items in their stored order (map: key, value, key...), then the end: a shorter collection sorts first. */
    private static void writeCollection(CollectionType type, ByteBuffer value, ByteSink out) {
        ByteBuffer[] items = ValueFraming.unpackCollection(value, type.itemsPerEntry(), type.kind());
        for (int i = 0; i < items.length; i++) writeElement(type.itemType(i % type.itemsPerEntry()), items[i], out);
        out.put(END);
    }

    /** The fields up to the last non-null one (trailing nulls equal missing fields), then the end. */
    private static void writeFields(List<CqlType> types, ByteBuffer value, ByteSink out, String kind) {
        ByteBuffer[] fields = ValueFraming.unpackFields(value, types.size(), kind);
        int count = fields.length;
        while (count > 0 && fields[count - 1] == null) count--;
        for (int i = 0; i < count; i++) {
            if (fields[i] == null) out.put(NULL);
            else writeElement(types.get(i), fields[i], out);
        }
        out.put(END);
    }

    /** A fixed number of elements: no end marker is needed. */
    private static void writeElements(CqlType type, ByteBuffer[] elements, ByteSink out) {
        for (ByteBuffer element : elements) writeElement(type, element, out);
    }

    /**
     * One element of a composite, which may be empty: an empty value sorts before every other, except an empty tuple
     * or UDT, which compare treats as one whose fields are all null.
     */
    private static void writeElement(CqlType type, ByteBuffer element, ByteSink out) {
        if (!element.hasRemaining() && !(type instanceof TupleType || type instanceof UserType)) {
            out.put(EMPTY);
            return;
        }
        out.put(VALUE);
        write(type, element, out);
    }
}
