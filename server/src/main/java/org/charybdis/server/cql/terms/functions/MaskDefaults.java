package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TimeUuidGenerator;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.VectorType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code mask_default} shows for a type, as Cassandra 5.0: {@code ****} for texts, zero for numbers,
 * times and durations, the epoch for dates and timestamps, {@code false}, an empty blob, the zero uuid and
 * address, empty collections, and tuples, user types and vectors made of their components' defaults.
 */
final class MaskDefaults {
    private static final ByteBuffer STARS = ByteBuffer.wrap("****".getBytes(StandardCharsets.US_ASCII));
    /** Dates count days from 2^31 at the epoch. */
    private static final int EPOCH_DATE = Integer.MIN_VALUE;

    private MaskDefaults() {}

    static ByteBuffer of(CqlType type) {
        return switch (type) {
            case NativeType n -> ofNative(n);
            case ListType list -> list.serialize(List.of());
            case SetType set -> set.serialize(Set.of());
            case MapType map -> map.serialize(Map.of());
            case TupleType tuple -> tuple.serialize(components(tuple.subTypes()));
            case UserType udt -> udt.serialize(components(udt.fieldTypes()));
            case VectorType vector -> vector.serialize(Collections.nCopies(vector.dimension(), javaDefault(vector.elementType())));
            default -> throw new IllegalArgumentException("no default mask for " + type.cqlName());
        };
    }

    private static ByteBuffer ofNative(NativeType type) {
        if (Numbers.isNumeric(type)) return Numbers.write(type, 0);
        return switch (type) {
            case ASCII, TEXT -> STARS.duplicate();
            case BLOB -> ByteBuffer.allocate(0);
            case BOOLEAN -> ByteBuffer.allocate(1);
            case DATE -> ByteBuffer.allocate(4).putInt(0, EPOCH_DATE);
            case TIME, TIMESTAMP -> ByteBuffer.allocate(8);
            case UUID -> ByteBuffer.allocate(16);
            case TIMEUUID -> NativeType.TIMEUUID.serialize(TimeUuidGenerator.minAt(0));
            case INET -> ByteBuffer.allocate(4);
            // three zero vints: months, days, nanoseconds
            case DURATION -> ByteBuffer.allocate(3);
            default -> throw new IllegalArgumentException("no default mask for " + type.cqlName());
        };
    }

    private static List<Object> components(List<CqlType> types) {
        List<Object> values = new ArrayList<>(types.size());
        for (CqlType t : types) values.add(javaDefault(t));
        return values;
    }

    private static Object javaDefault(CqlType type) {
        return type.deserialize(of(type));
    }
}
