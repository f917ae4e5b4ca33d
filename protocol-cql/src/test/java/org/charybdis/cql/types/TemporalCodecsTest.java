package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class TemporalCodecsTest {
    private static long millis(String text) {
        return NativeType.TIMESTAMP.fromString(text).getLong(0);
    }

    @Test
    void dateIsUnsignedDaysCenteredOnTwoToTheThirtyOne() {
        assertThat(NativeType.DATE.serialize(LocalDate.EPOCH).getInt(0)).isEqualTo(Integer.MIN_VALUE);
        assertThat(NativeType.DATE.fromString("2147483648")).isEqualTo(NativeType.DATE.serialize(LocalDate.EPOCH));
        assertThat(NativeType.DATE.fromString("0").getInt(0)).isZero();
        LocalDate leapBefore1970 = LocalDate.of(1904, 2, 29);
        ByteBuffer bytes = NativeType.DATE.fromString("1904-02-29");
        assertThat(NativeType.DATE.deserialize(bytes)).isEqualTo(leapBefore1970);
        assertThat(NativeType.DATE.toCqlLiteral(bytes)).isEqualTo("'1904-02-29'");
        assertThat(NativeType.DATE.deserialize(NativeType.DATE.serialize(LocalDate.of(-5000, 1, 1)))).isEqualTo(LocalDate.of(-5000, 1, 1));
    }

    @Test
    void dateOrdersChronologically() {
        ByteBuffer before = NativeType.DATE.serialize(LocalDate.of(1969, 12, 31));
        ByteBuffer epoch = NativeType.DATE.serialize(LocalDate.EPOCH);
        ByteBuffer after = NativeType.DATE.serialize(LocalDate.of(2024, 2, 29));
        assertThat(NativeType.DATE.compare(before, epoch)).isNegative();
        assertThat(NativeType.DATE.compare(epoch, after)).isNegative();
        assertThat(NativeType.DATE.compare(after, before)).isPositive();
    }

    @Test
    void badDatesAreRefused() {
        assertThatThrownBy(() -> NativeType.DATE.fromString("2023-02-29"))
                .hasMessage("Unable to coerce '2023-02-29' to a formatted date (long)");
        assertThatThrownBy(() -> NativeType.DATE.fromString("4294967296"))
                .hasMessage("Unable to make unsigned int (for date) from: '4294967296'");
        assertThatThrownBy(() -> NativeType.DATE.fromString("-1")).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> NativeType.DATE.validate(ByteBuffer.allocate(8)))
                .hasMessage("Expected 4 byte long for date (8)");
    }

    @Test
    void timeIsNanosOfDay() {
        ByteBuffer bytes = NativeType.TIME.fromString("08:12:54.123456789");
        assertThat(NativeType.TIME.deserialize(bytes)).isEqualTo(LocalTime.of(8, 12, 54, 123456789).toNanoOfDay());
        assertThat(NativeType.TIME.toCqlLiteral(bytes)).isEqualTo("'08:12:54.123456789'");
        assertThat(NativeType.TIME.fromString("08:12:54.5").getLong(0)).isEqualTo(LocalTime.of(8, 12, 54, 500_000_000).toNanoOfDay());
        assertThat(NativeType.TIME.fromString("23:59:59").getLong(0)).isEqualTo(LocalTime.of(23, 59, 59).toNanoOfDay());
        assertThat(NativeType.TIME.fromString("1000").getLong(0)).isEqualTo(1000);
        assertThat(NativeType.TIME.serialize(LocalTime.NOON)).isEqualTo(NativeType.TIME.fromString("12:00:00"));
        assertThat(NativeType.TIME.compare(NativeType.TIME.fromString("00:00:01"), NativeType.TIME.fromString("10:00:00"))).isNegative();
        assertThatThrownBy(() -> NativeType.TIME.fromString("24:00:00"))
                .hasMessage("(TimeType) Unable to coerce '24:00:00' to a formatted time (long)");
        assertThatThrownBy(() -> NativeType.TIME.fromString("12:60:00"))
                .hasMessage("(TimeType) Unable to coerce '12:60:00' to a formatted time (long)");
        assertThatThrownBy(() -> NativeType.TIME.fromString("noon"))
                .hasMessage("(TimeType) Unable to coerce 'noon' to a formatted time (long)");
        assertThatThrownBy(() -> NativeType.TIME.fromString("86400000000000")).hasMessage("Unable to make long (for time) from: '86400000000000'");
        assertThatThrownBy(() -> NativeType.TIME.validate(ByteBuffer.allocate(4))).hasMessage("Expected 8 byte long for time (4)");
    }

    @Test
    void timestampParsesCassandraForms() {
        long expected = Instant.parse("2011-02-03T04:05:00Z").toEpochMilli();
        assertThat(millis("2011-02-03 04:05+0000")).isEqualTo(expected);
        assertThat(millis("2011-02-03T04:05:00.000Z")).isEqualTo(expected);
        assertThat(millis("2011-02-03 04:05:00")).isEqualTo(expected);
        assertThat(millis("2011-02-03 06:05+02:00")).isEqualTo(expected);
        assertThat(millis("2011-02-03 05:05:00 +01")).isEqualTo(expected);
        assertThat(millis("2011-02-03 04:05:00 UTC")).isEqualTo(expected);
        assertThat(millis("2011-02-03")).isEqualTo(Instant.parse("2011-02-03T00:00:00Z").toEpochMilli());
        assertThat(millis("2011-02-03+0100")).isEqualTo(Instant.parse("2011-02-02T23:00:00Z").toEpochMilli());
        assertThat(millis("1296705900000")).isEqualTo(expected);
        assertThat(millis("-1")).isEqualTo(-1);
        assertThat(millis("2024-01-02 03:04:05.678")).isEqualTo(Instant.parse("2024-01-02T03:04:05.678Z").toEpochMilli());
    }

    @Test
    void timestampLiteralIsUtcWithMicrosAndParsesBack() {
        ByteBuffer bytes = NativeType.TIMESTAMP.serialize(Instant.parse("2024-01-02T03:04:05.678Z"));
        String literal = NativeType.TIMESTAMP.toCqlLiteral(bytes);
        assertThat(literal).isEqualTo("'2024-01-02 03:04:05.678000+0000'");
        assertThat(NativeType.TIMESTAMP.fromString(literal.substring(1, literal.length() - 1))).isEqualTo(bytes);
        ByteBuffer ancient = NativeType.TIMESTAMP.serialize(Instant.parse("-0100-01-01T00:00:00Z"));
        assertThat(NativeType.TIMESTAMP.fromString(NativeType.TIMESTAMP.toCqlLiteral(ancient))).isEqualTo(ancient);
        assertThat(NativeType.TIMESTAMP.deserialize(bytes)).isEqualTo(Instant.parse("2024-01-02T03:04:05.678Z"));
        assertThat(NativeType.TIMESTAMP.serialize(Instant.parse("2024-01-02T03:04:05.678Z").toEpochMilli())).isEqualTo(bytes);
    }

    @Test
    void timestampOrdersSignedAndRefusesGarbage() {
        assertThat(NativeType.TIMESTAMP.compare(NativeType.TIMESTAMP.fromString("-5"), NativeType.TIMESTAMP.fromString("5"))).isNegative();
        assertThatThrownBy(() -> NativeType.TIMESTAMP.fromString("2011-13-03"))
                .hasMessage("Unable to parse a date/time from '2011-13-03'");
        assertThatThrownBy(() -> NativeType.TIMESTAMP.fromString("yesterday")).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> NativeType.TIMESTAMP.validate(ByteBuffer.allocate(4)))
                .hasMessage("Expected 8 or 0 byte long for date (4)");
    }
}
