package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TimeUuidGenerator;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** now(), uuid(), the current_* functions, and conversions between timeuuid, timestamp, date and bigint. */
final class TimeFunctions {
    /** timeuuids must increase per thread; each shard thread gets its own generator. */
    private static final ThreadLocal<TimeUuidGenerator> TIMEUUIDS = ThreadLocal.withInitial(TimeUuidGenerator::new);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private TimeFunctions() {}

    static List<NativeFunction> all() {
        List<NativeFunction> all = new ArrayList<>();
        for (String name : List.of("now", "currenttimeuuid", "current_timeuuid")) {
            all.add(current(name, NativeType.TIMEUUID, () -> TIMEUUIDS.get().next()));
        }
        all.add(current("uuid", NativeType.UUID, () -> NativeType.UUID.serialize(UUID.randomUUID())));
        for (String name : List.of("currenttimestamp", "current_timestamp")) {
            all.add(current(name, NativeType.TIMESTAMP, () -> NativeType.TIMESTAMP.serialize(System.currentTimeMillis())));
        }
        for (String name : List.of("currentdate", "current_date")) {
            all.add(current(name, NativeType.DATE, () -> NativeType.DATE.serialize(LocalDate.now(ZoneOffset.UTC))));
        }
        for (String name : List.of("currenttime", "current_time")) {
            all.add(current(name, NativeType.TIME, () -> NativeType.TIME.serialize(LocalTime.now(ZoneOffset.UTC).toNanoOfDay())));
        }
        for (String name : List.of("todate", "to_date")) {
            all.add(convert(name, NativeType.TIMEUUID, NativeType.DATE));
            all.add(convert(name, NativeType.TIMESTAMP, NativeType.DATE));
        }
        for (String name : List.of("totimestamp", "to_timestamp")) {
            all.add(convert(name, NativeType.TIMEUUID, NativeType.TIMESTAMP));
            all.add(convert(name, NativeType.DATE, NativeType.TIMESTAMP));
        }
        for (String name : List.of("tounixtimestamp", "to_unix_timestamp")) {
            all.add(convert(name, NativeType.DATE, NativeType.BIGINT));
            all.add(convert(name, NativeType.TIMEUUID, NativeType.BIGINT));
            all.add(convert(name, NativeType.TIMESTAMP, NativeType.BIGINT));
        }
        for (String name : List.of("mintimeuuid", "min_timeuuid")) {
            all.add(ScalarFunction.of(name, NativeType.TIMEUUID, List.of(NativeType.TIMESTAMP),
                    args -> NativeType.TIMEUUID.serialize(TimeUuidGenerator.minAt(args[0].getLong(args[0].position())))));
        }
        for (String name : List.of("maxtimeuuid", "max_timeuuid")) {
            all.add(ScalarFunction.of(name, NativeType.TIMEUUID, List.of(NativeType.TIMESTAMP),
                    args -> NativeType.TIMEUUID.serialize(TimeUuidGenerator.maxAt(args[0].getLong(args[0].position())))));
        }
        return all;
    }

    /** The conversion used by the time functions and CAST: a temporal value to another temporal type. */
    static ScalarFunction convert(String name, NativeType from, NativeType to) {
        return ScalarFunction.of(name, to, List.of(from), args -> fromMillis(to, millis(from, args[0])));
    }

    /** Epoch milliseconds of a timeuuid, timestamp or date value. */
    static long millis(CqlType type, ByteBuffer value) {
        if (type == NativeType.TIMEUUID) return TimeUuidGenerator.unixMillis((UUID) NativeType.TIMEUUID.deserialize(value));
        if (type == NativeType.DATE) return ((LocalDate) NativeType.DATE.deserialize(value)).toEpochDay() * MILLIS_PER_DAY;
        return value.getLong(value.position());
    }

    static ByteBuffer fromMillis(NativeType type, long millis) {
        return switch (type) {
            case DATE -> NativeType.DATE.serialize(LocalDate.ofEpochDay(Math.floorDiv(millis, MILLIS_PER_DAY)));
            case TIMESTAMP -> NativeType.TIMESTAMP.serialize(millis);
            case BIGINT -> NativeType.BIGINT.serialize(millis);
            default -> throw new IllegalArgumentException(type.cqlName());
        };
    }

    private static ScalarFunction current(String name, NativeType type, java.util.function.Supplier<ByteBuffer> value) {
        return new ScalarFunction(name, List.of(), type, false, args -> value.get());
    }
}
