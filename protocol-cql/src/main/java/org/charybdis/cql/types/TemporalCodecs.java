package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** date (unsigned days, epoch at 2^31), time (nanoseconds of the day) and timestamp (signed epoch milliseconds). */
final class TemporalCodecs {
    static final NativeCodec DATE = new DateCodec();
    static final NativeCodec TIME = new TimeCodec();
    static final NativeCodec TIMESTAMP = new TimestampCodec();

    static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final long MAX_RAW_DAYS = (1L << 32) - 1;
    private static final Pattern DIGITS = Pattern.compile("-?\\d+");
    private static final Pattern TIME_TEXT = Pattern.compile("(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?");
    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxx").withZone(ZoneOffset.UTC);

    private TemporalCodecs() {}

    /** The stored date value: days since 1970-01-01 shifted by 2^31 so unsigned order is chronological. */
    static int rawDays(LocalDate date) {
        long days = date.toEpochDay();
        if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
            throw new MarshalException("Date " + date + " is out of the supported range");
        }
        return (int) days ^ Integer.MIN_VALUE;
    }

    static LocalDate dateOf(int raw) {
        return LocalDate.ofEpochDay(raw ^ Integer.MIN_VALUE);
    }

    static String formatTime(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return String.format("%02d:%02d:%02d.%09d", seconds / 3600, (seconds / 60) % 60, seconds % 60, nanos % 1_000_000_000L);
    }

    static long parseTime(String text) {
        if (DIGITS.matcher(text).matches()) {
            long nanos;
            try {
                nanos = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new MarshalException("Unable to make long (for time) from: '" + text + "'", e);
            }
            if (nanos < 0 || nanos >= NANOS_PER_DAY) {
                throw new MarshalException("Unable to make long (for time) from: '" + text + "'");
            }
            return nanos;
        }
        Matcher m = TIME_TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw unparseableTime(text);
        }
        long hours = Long.parseLong(m.group(1));
        long minutes = Long.parseLong(m.group(2));
        long seconds = Long.parseLong(m.group(3));
        if (hours > 23 || minutes > 59 || seconds > 59) {
            throw unparseableTime(text);
        }
        String fraction = m.group(4) == null ? "" : m.group(4);
        long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9));
        return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000_000L + nanos;
    }

    /** Cassandra's message for every malformed or out-of-range time string. */
    private static MarshalException unparseableTime(String text) {
        return new MarshalException("(TimeType) Unable to coerce '" + text + "' to a formatted time (long)");
    }

    static String formatTimestamp(long millis) {
        ZonedDateTime time = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
        if (time.getYear() < 1 || time.getYear() > 9999) {
            // cqlsh cannot print these as dates either; epoch milliseconds are a valid timestamp literal
            return Long.toString(millis);
        }
        return "'" + TIMESTAMP_FORMAT.format(time) + "'";
    }

    private static final class DateCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            if (value instanceof LocalDate date) {
                return RawBytes.ofInt(rawDays(date));
            }
            throw new MarshalException("Expected a LocalDate for date, got " + NumberCodecs.describe(value));
        }
        @Override public Object deserialize(ByteBuffer bytes) { return dateOf(bytes.getInt(bytes.position())); }
        @Override public void validate(ByteBuffer bytes) {
            if (bytes.remaining() != 4) {
                throw new MarshalException("Expected 4 byte long for date (" + bytes.remaining() + ")");
            }
        }
        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return Integer.compareUnsigned(a.getInt(a.position()), b.getInt(b.position()));
        }
        @Override public String toCqlLiteral(ByteBuffer bytes) {
            return "'" + DATE_FORMAT.format(dateOf(bytes.getInt(bytes.position()))) + "'";
        }
        @Override public ByteBuffer fromString(String text) {
            if (DIGITS.matcher(text).matches()) {
                // Cassandra's raw form: the stored unsigned day number, epoch at 2^31
                long raw;
                try {
                    raw = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    raw = -1;
                }
                if (raw < 0 || raw > MAX_RAW_DAYS) {
                    throw new MarshalException("Unable to make unsigned int (for date) from: '" + text + "'");
                }
                return RawBytes.ofInt((int) raw);
            }
            try {
                return RawBytes.ofInt(rawDays(LocalDate.parse(text, DATE_FORMAT)));
            } catch (DateTimeParseException e) {
                throw new MarshalException("Unable to coerce '" + text + "' to a formatted date (long)", e);
            }
        }
        @Override public int fixedLength() { return 4; }
    }

    private static final class TimeCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            long nanos = switch (value) {
                case Long l -> l;
                case LocalTime t -> t.toNanoOfDay();
                default -> throw new MarshalException("Expected Long nanoseconds for time, got " + NumberCodecs.describe(value));
            };
            if (nanos < 0 || nanos >= NANOS_PER_DAY) {
                throw new MarshalException("Time value " + nanos + " is outside 0.." + (NANOS_PER_DAY - 1));
            }
            return RawBytes.ofLong(nanos);
        }
        @Override public Object deserialize(ByteBuffer bytes) { return bytes.getLong(bytes.position()); }
        @Override public void validate(ByteBuffer bytes) {
            if (bytes.remaining() != 8) {
                throw new MarshalException("Expected 8 byte long for time (" + bytes.remaining() + ")");
            }
        }
        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return Long.compareUnsigned(a.getLong(a.position()), b.getLong(b.position()));
        }
        @Override public String toCqlLiteral(ByteBuffer bytes) {
            long nanos = bytes.getLong(bytes.position());
            return nanos >= 0 && nanos < NANOS_PER_DAY ? "'" + formatTime(nanos) + "'" : Long.toString(nanos);
        }
        @Override public ByteBuffer fromString(String text) { return RawBytes.ofLong(parseTime(text)); }
        @Override public int fixedLength() { return 8; }
    }

    private static final class TimestampCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            long millis = switch (value) {
                case Instant i -> i.toEpochMilli();
                case Long epochMillis -> epochMillis;
                case Date d -> d.getTime();
                case ZonedDateTime z -> z.toInstant().toEpochMilli();
                default -> throw new MarshalException("Expected an Instant (or Long epoch millis) for timestamp, got " + NumberCodecs.describe(value));
            };
            return RawBytes.ofLong(millis);
        }
        @Override public Object deserialize(ByteBuffer bytes) { return Instant.ofEpochMilli(bytes.getLong(bytes.position())); }
        @Override public void validate(ByteBuffer bytes) { RawBytes.requireSize(bytes, 8, "long for date"); }
        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return Long.compare(a.getLong(a.position()), b.getLong(b.position()));
        }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return formatTimestamp(bytes.getLong(bytes.position())); }
        @Override public ByteBuffer fromString(String text) { return RawBytes.ofLong(TimestampParser.parseMillis(text)); }
        @Override public int fixedLength() { return 8; }
    }
}
