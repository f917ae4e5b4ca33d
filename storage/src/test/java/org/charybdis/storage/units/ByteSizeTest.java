package org.charybdis.storage.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1GiB|1073741824",
            "1 GiB|1073741824",
            "100MiB|104857600",
            "10MB|10000000",
            "1.5KiB|1536",
            "1kB|1000",
            "1KiB|1024",
            "0B|0",
            "1024B|1024",
            "2TiB|2199023255552",
            " 1GiB |1073741824",
            "2G|2147483648",
            "512m|536870912",
            "4k|4096",
            "1048576|1048576",
    })
    void parsesBinaryAndDecimalUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GiB", "-1MiB", "1 iB", "1GB B", "1 GiBs", "1XB", "lots", "", "1.5"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a size: '" + text.strip() + "'")
                .hasMessageContaining("KiB");
    }

    @Test
    void aUnitCanBeRequiredAsCassandraDoesInTableOptions() {
        assertThat(ByteSize.parseWithUnit("1GiB")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> ByteSize.parseWithUnit("1073741824")).hasMessageStartingWith("not a size");
        assertThat(ByteSize.isBareNumber(" 32 ")).isTrue();
        assertThat(ByteSize.isBareNumber("32MiB")).isFalse();
    }

    @Test
    void refusesSizesBeyondALong() {
        assertThatThrownBy(() -> ByteSize.parse("9EiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ByteSize.parse("99999999999T")).hasMessageContaining("too large");
    }

    @Test
    void formatsInBinaryUnits() {
        assertThat(ByteSize.format(100 << 20)).isEqualTo("100 MiB");
        assertThat(ByteSize.format(1536)).isEqualTo("1.500 KiB");
        assertThat(ByteSize.format(12)).isEqualTo("12 B");
    }

    @Test
    void formatsWithTwoDecimalsAndTheCallersWordForBytes() {
        assertThat(ByteSize.formatTwoDecimals(512, "bytes")).isEqualTo("512 bytes");
        assertThat(ByteSize.formatTwoDecimals(94_740, "bytes")).isEqualTo("92.52 KiB");
        assertThat(ByteSize.formatTwoDecimals(3L << 30, "B")).isEqualTo("3.00 GiB");
    }
}
