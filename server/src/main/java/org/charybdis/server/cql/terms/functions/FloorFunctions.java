package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlDuration;
import org.charybdis.cql.types.NativeType;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Cassandra 5.0's {@code floor} time bucketing: the start of the {@code duration}-long bucket a timestamp,
 * timeuuid, date or time falls in, buckets counted from the epoch or from an explicit start. With a
 * month part, the bucket start is the latest {@code start + n * duration} (months, then days, then the
 * rest added in UTC) not after the value. Used in selections and as a GROUP BY function.
 */
final class FloorFunctions {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_DAY = MILLIS_PER_DAY * NANOS_PER_MILLI;

    private FloorFunctions() {}

    static List<NativeFunction> all() {
        NativeType ts = NativeType.TIMESTAMP;
        NativeType duration = NativeType.DURATION;
        return List.of(
                ScalarFunction.of("floor", ts, List.of(ts, duration, ts),
                        args -> ts.serialize(timestamp(millis(args[0]), duration(args[1]), millis(args[2])))),
                ScalarFunction.of("floor", ts, List.of(ts, duration), args -> ts.serialize(timestamp(millis(args[0]), duration(args[1]), 0))),
                ScalarFunction.of("floor", ts, List.of(NativeType.TIMEUUID, duration, ts),
                        args -> ts.serialize(timestamp(uuidMillis(args[0]), duration(args[1]), millis(args[2])))),
                ScalarFunction.of("floor", ts, List.of(NativeType.TIMEUUID, duration),
                        args -> ts.serialize(timestamp(uuidMillis(args[0]), duration(args[1]), 0))),
                ScalarFunction.of("floor", NativeType.DATE, List.of(NativeType.DATE, duration, NativeType.DATE),
                        args -> date(args[0], duration(args[1]), dateMillis(args[2]))),
                ScalarFunction.of("floor", NativeType.DATE, List.of(NativeType.DATE, duration), args -> date(args[0], duration(args[1]), 0)),
                ScalarFunction.of("floor", NativeType.TIME, List.of(NativeType.TIME, duration), args -> time(args[0], duration(args[1]))));
    }

    /** The latest {@code start + n * duration} (n >= 0) not after {@code time}, in epoch milliseconds. */
    static long timestamp(long time, CqlDuration duration, long start) {
        if (start > time) throw new InvalidRequestException("The floor function starting time is greater than the provided time");
        if (duration.months() < 0 || duration.days() < 0 || duration.nanoseconds() < 0) {
            throw new InvalidRequestException("Negative durations are not supported by the floor function");
        }
        if (duration.nanoseconds() % NANOS_PER_MILLI != 0) {
            throw new InvalidRequestException("The floor cannot be computed for the " + duration
                    + " duration as precision is below 1 millisecond");
        }
        long millis = duration.days() * MILLIS_PER_DAY + duration.nanoseconds() / NANOS_PER_MILLI;
        if (duration.months() == 0) {
            if (millis == 0) return time;
            return time - (time - start) % millis;
        }
        // months vary in length: estimate n from the months between start and time, then step back
        LocalDateTime from = LocalDateTime.ofEpochSecond(Math.floorDiv(start, 1000), (int) Math.floorMod(start, 1000) * 1_000_000, ZoneOffset.UTC);
        LocalDateTime to = LocalDateTime.ofEpochSecond(Math.floorDiv(time, 1000), (int) Math.floorMod(time, 1000) * 1_000_000, ZoneOffset.UTC);
        long months = (to.getYear() - from.getYear()) * 12L + (to.getMonthValue() - from.getMonthValue());
        long n = months / duration.months();
        long floor = plus(from, duration, n);
        while (floor > time && n > 0) floor = plus(from, duration, --n);
        return floor;
    }

    private static long plus(LocalDateTime start, CqlDuration duration, long times) {
        LocalDateTime t = start.plusMonths(times * duration.months()).plusDays(times * duration.days())
                .plusNanos(times * duration.nanoseconds());
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static ByteBuffer date(ByteBuffer value, CqlDuration duration, long start) {
        if (duration.nanoseconds() != 0) {
            throw new InvalidRequestException("The floor on date values cannot be computed for the " + duration
                    + " duration as precision is below 1 day");
        }
        long floor = timestamp(dateMillis(value), duration, start);
        return NativeType.DATE.serialize(LocalDate.ofEpochDay(Math.floorDiv(floor, MILLIS_PER_DAY)));
    }

    private static ByteBuffer time(ByteBuffer value, CqlDuration duration) {
        if (duration.months() != 0 || duration.days() != 0 || duration.nanoseconds() >= NANOS_PER_DAY) {
            throw new InvalidRequestException("For time values, the floor can only be computed for durations smaller that a day");
        }
        if (duration.nanoseconds() < 0) throw new InvalidRequestException("Negative durations are not supported by the floor function");
        long nanos = value.getLong(value.position());
        if (duration.nanoseconds() == 0) return NativeType.TIME.serialize(nanos);
        return NativeType.TIME.serialize(nanos - nanos % duration.nanoseconds());
    }

    private static long millis(ByteBuffer value) {
        return value.getLong(value.position());
    }

    private static long uuidMillis(ByteBuffer value) {
        return TimeFunctions.millis(NativeType.TIMEUUID, value);
    }

    private static long dateMillis(ByteBuffer value) {
        return TimeFunctions.millis(NativeType.DATE, value);
    }

    private static CqlDuration duration(ByteBuffer value) {
        return (CqlDuration) NativeType.DURATION.deserialize(value);
    }
}
