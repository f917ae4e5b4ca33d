package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.NativeType;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code cast_as_<type>} functions behind {@code CAST(x AS type)}, with the conversions Cassandra
 * 5.0 allows: numbers to any other number (Java's conversions), most native types to text and
 * ascii, and between timeuuid, timestamp and date.
 */
public final class CastFunctions {
    private static final String PREFIX = "cast_as_";
    private static final DateTimeFormatter TIMESTAMP_TEXT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final List<NativeType> TO_TEXT = List.of(NativeType.ASCII, NativeType.BOOLEAN, NativeType.INET, NativeType.UUID,
            NativeType.TIMEUUID, NativeType.TIMESTAMP, NativeType.DATE, NativeType.TIME);

    private CastFunctions() {}

    /** The name of the functions casting to that type (as written in the CAST). */
    public static String functionName(String typeName) {
        return PREFIX + typeName.toLowerCase(Locale.ROOT);
    }

    static List<NativeFunction> all() {
        List<NativeFunction> all = new ArrayList<>();
        for (NativeType from : Numbers.TYPES) {
            for (NativeType to : Numbers.TYPES) {
                if (from == to || to == NativeType.COUNTER) continue;
                all.add(ScalarFunction.of(functionName(to.cqlName()), to, List.of(from), args -> Numbers.write(to, Numbers.read(from, args[0]))));
            }
            all.add(toText(from, NativeType.ASCII));
            all.add(toText(from, NativeType.TEXT));
        }
        for (NativeType from : TO_TEXT) {
            if (from != NativeType.ASCII) all.add(toText(from, NativeType.ASCII));
            all.add(toText(from, NativeType.TEXT));
        }
        all.add(TimeFunctions.convert(functionName("date"), NativeType.TIMEUUID, NativeType.DATE));
        all.add(TimeFunctions.convert(functionName("date"), NativeType.TIMESTAMP, NativeType.DATE));
        all.add(TimeFunctions.convert(functionName("timestamp"), NativeType.TIMEUUID, NativeType.TIMESTAMP));
        all.add(TimeFunctions.convert(functionName("timestamp"), NativeType.DATE, NativeType.TIMESTAMP));
        return all;
    }

    private static ScalarFunction toText(NativeType from, NativeType to) {
        return ScalarFunction.of(functionName(to.cqlName()), to, List.of(from), args -> to.serialize(text(from, args[0])));
    }

    /** The value as Java's toString would print it, which is what Cassandra's casts produce. */
    static String text(NativeType type, ByteBuffer value) {
        Object v = type.deserialize(value);
        return switch (type) {
            case TIMESTAMP -> TIMESTAMP_TEXT.format((Instant) v);
            case TIME -> {
                long nanos = (Long) v;
                long seconds = nanos / 1_000_000_000L;
                yield String.format(Locale.ROOT, "%02d:%02d:%02d.%09d", seconds / 3600, (seconds / 60) % 60, seconds % 60, nanos % 1_000_000_000L);
            }
            case INET -> ((InetAddress) v).getHostAddress();
            default -> v.toString();
        };
    }
}
