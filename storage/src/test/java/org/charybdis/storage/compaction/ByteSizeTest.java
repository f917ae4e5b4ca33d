package org.charybdis.storage.compaction;

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
            "256MiB|268435456",
            "10MB|10000000",
            "1.5KiB|1536",
            "1kB|1000",
            "1KiB|1024",
            "0B|0",
            "1024B|1024",
            "2TiB|2199023255552",
            " 1GiB |1073741824",
    })
    void parsesBinaryAndDecimalUnits(String text, long bytes) {
        assertThat(ByteSize.parse("target_sstable_size", text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1073741824", "GiB", "-1MiB", "1 iB", "1GB B", "1 GiBs", "1XB"})
    void refusesWhatCassandraRefuses(String text) {
        assertThatThrownBy(() -> ByteSize.parse("target_sstable_size", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("target_sstable_size " + text + " is not a valid size in bytes");
    }

    @Test
    void refusesSizesBeyondALong() {
        assertThatThrownBy(() -> ByteSize.parse("min_sstable_size", "9EiB")).hasMessageContaining("too large");
    }

    @Test
    void formatsInBinaryUnits() {
        assertThat(ByteSize.format(100 << 20)).isEqualTo("100 MiB");
        assertThat(ByteSize.format(1536)).isEqualTo("1.500 KiB");
        assertThat(ByteSize.format(12)).isEqualTo("12 B");
    }
}
