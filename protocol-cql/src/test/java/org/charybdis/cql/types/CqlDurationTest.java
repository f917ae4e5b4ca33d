package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CqlDurationTest {
    private static final long HOUR = CqlDuration.NANOS_PER_HOUR;
    private static final long MINUTE = CqlDuration.NANOS_PER_MINUTE;
    private static final long SECOND = CqlDuration.NANOS_PER_SECOND;

    @Test
    void parsesTheStandardForm() {
        assertThat(CqlDuration.parse("1h30m")).isEqualTo(new CqlDuration(0, 0, HOUR + 30 * MINUTE));
        assertThat(CqlDuration.parse("1y2mo3w4d5h6m7s8ms9us10ns"))
                .isEqualTo(new CqlDuration(14, 25, 5 * HOUR + 6 * MINUTE + 7 * SECOND + 8_009_010));
        assertThat(CqlDuration.parse("-2d")).isEqualTo(new CqlDuration(0, -2, 0));
        assertThat(CqlDuration.parse("3µs")).isEqualTo(new CqlDuration(0, 0, 3_000));
        assertThat(CqlDuration.parse("1H")).isEqualTo(new CqlDuration(0, 0, HOUR));
    }

    @Test
    void parsesIso8601Forms() {
        assertThat(CqlDuration.parse("P1DT2H")).isEqualTo(new CqlDuration(0, 1, 2 * HOUR));
        assertThat(CqlDuration.parse("P1Y2M")).isEqualTo(new CqlDuration(14, 0, 0));
        assertThat(CqlDuration.parse("PT30S")).isEqualTo(new CqlDuration(0, 0, 30 * SECOND));
        assertThat(CqlDuration.parse("P2W")).isEqualTo(new CqlDuration(0, 14, 0));
        assertThat(CqlDuration.parse("-P1D")).isEqualTo(new CqlDuration(0, -1, 0));
        assertThat(CqlDuration.parse("P0001-02-03T04:05:06"))
                .isEqualTo(new CqlDuration(14, 3, 4 * HOUR + 5 * MINUTE + 6 * SECOND));
    }

    @Test
    void refusesMalformedDurations() {
        assertThatThrownBy(() -> CqlDuration.parse("1x")).hasMessage("Unable to convert '1x' to a duration");
        assertThatThrownBy(() -> CqlDuration.parse("P")).hasMessage("Unable to convert 'P' to a duration");
        assertThatThrownBy(() -> CqlDuration.parse("PT")).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> CqlDuration.parse("")).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> CqlDuration.parse("1h1h")).hasMessageContaining("specified multiple times");
        assertThatThrownBy(() -> CqlDuration.parse("1m1h")).hasMessage("Invalid duration. The minutes should be after hours");
        assertThatThrownBy(() -> CqlDuration.parse("3000000000mo")).hasMessageContaining("total number of months");
        assertThatThrownBy(() -> new CqlDuration(1, -1, 0)).hasMessageContaining("must be all of the same sign");
    }

    @Test
    void printsCassandrasCompactForm() {
        assertThat(new CqlDuration(14, 3, HOUR + 2 * SECOND + 5).toString()).isEqualTo("1y2mo3d1h2s5ns");
        assertThat(new CqlDuration(0, -2, -MINUTE).toString()).isEqualTo("-2d1m");
        assertThat(new CqlDuration(0, 0, 0).toString()).isEqualTo("0s");
        CqlDuration max = new CqlDuration(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
        assertThat(CqlDuration.parse(max.toString())).isEqualTo(max);
        CqlDuration min = new CqlDuration(-Integer.MAX_VALUE, -Integer.MAX_VALUE, -Long.MAX_VALUE);
        assertThat(CqlDuration.parse(min.toString())).isEqualTo(min);
    }

    @Test
    void serializesAsThreeZigZagVints() {
        ByteBuffer bytes = NativeType.DURATION.serialize(new CqlDuration(1, -0, 0));
        assertThat(HexFormat.of().formatHex(RawBytes.copy(bytes))).isEqualTo("020000");
        ByteBuffer negative = NativeType.DURATION.serialize(new CqlDuration(0, -1, -1));
        assertThat(HexFormat.of().formatHex(RawBytes.copy(negative))).isEqualTo("000101");
        CqlDuration big = new CqlDuration(Integer.MIN_VALUE, 0, Long.MIN_VALUE);
        assertThat(NativeType.DURATION.deserialize(NativeType.DURATION.serialize(big))).isEqualTo(big);
        assertThat(NativeType.DURATION.toCqlLiteral(NativeType.DURATION.fromString("P1DT2H"))).isEqualTo("1d2h");
    }

    @Test
    void validationChecksFramingAndSigns() {
        assertThatThrownBy(() -> NativeType.DURATION.validate(ByteBuffer.wrap(new byte[] {0, 0})))
                .hasMessage("Expected at least 3 bytes for a duration (2)");
        assertThatThrownBy(() -> NativeType.DURATION.validate(ByteBuffer.wrap(new byte[] {2, 1, 0})))
                .hasMessageContaining("must be all of the same sign");
        assertThatThrownBy(() -> NativeType.DURATION.validate(ByteBuffer.wrap(new byte[] {0, 0, 0, 0})))
                .hasMessage("Unexpected extraneous bytes after duration value");
        assertThatThrownBy(() -> NativeType.DURATION.validate(ByteBuffer.wrap(new byte[] {0, 0, (byte) 0xC0})))
                .hasMessageContaining("Not enough bytes");
    }
}
