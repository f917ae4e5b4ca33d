package org.charybdis.tools.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ByteAmountTest {
    @Test
    void parsesPlainAndSuffixedSizes() {
        assertThat(ByteAmount.parse("1024")).isEqualTo(1024);
        assertThat(ByteAmount.parse("4k")).isEqualTo(4096);
        assertThat(ByteAmount.parse("64M")).isEqualTo(64L << 20);
        assertThat(ByteAmount.parse("1G")).isEqualTo(1L << 30);
        assertThat(ByteAmount.parse("2GiB")).isEqualTo(2L << 30);
        assertThat(ByteAmount.parse(" 3MB ")).isEqualTo(3_000_000L);
        assertThat(ByteAmount.parse("1T")).isEqualTo(1L << 40);
    }

    @Test
    void rejectsWhatIsNotASize() {
        assertThatThrownBy(() -> ByteAmount.parse("lots")).hasMessageContaining("not a size: 'lots'");
        assertThatThrownBy(() -> ByteAmount.parse("-1M")).hasMessageContaining("not a size: '-1M'");
        assertThatThrownBy(() -> ByteAmount.parse("")).hasMessageContaining("not a size: ''");
        assertThatThrownBy(() -> ByteAmount.parse("99999999999T")).hasMessageContaining("too large");
    }

    @Test
    void formatsWithTwoDecimalsAndABinaryUnit() {
        assertThat(ByteAmount.format(512)).isEqualTo("512 B");
        assertThat(ByteAmount.format(64L << 20)).isEqualTo("64.00 MiB");
        assertThat(ByteAmount.format(1536)).isEqualTo("1.50 KiB");
        assertThat(ByteAmount.format(3L << 30)).isEqualTo("3.00 GiB");
    }

    @Test
    void ratesAreMibPerSecondAndZeroWithoutTime() {
        assertThat(ByteAmount.mibPerSecond(100L << 20, 2_000_000_000L)).isCloseTo(50.0, within(1e-9));
        assertThat(ByteAmount.mibPerSecond(100, 0)).isZero();
    }
}
