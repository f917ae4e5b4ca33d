package org.charybdis.tools.iotune;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IoTuneSettingsTest {
    @Test
    void durationsAreSecondsWithAnOptionalUnit() {
        assertThat(IoTuneSettings.parseDuration("10")).isEqualTo(10_000_000_000L);
        assertThat(IoTuneSettings.parseDuration("0.3")).isEqualTo(300_000_000L);
        assertThat(IoTuneSettings.parseDuration(" 3s ")).isEqualTo(3_000_000_000L);
        assertThat(IoTuneSettings.parseDuration("300ms")).isEqualTo(300_000_000L);
        assertThat(IoTuneSettings.parseDuration("10m")).isEqualTo(600_000_000_000L);
    }

    @Test
    void badDurationsAreRefusedWithAnExample() {
        for (String bad : new String[] {"", "abc", "-1", "NaN", "Infinity"}) {
            assertThatThrownBy(() -> IoTuneSettings.parseDuration(bad)).hasMessageContaining("--duration must be");
        }
        for (String bad : new String[] {"0", "0.0000000001", "100000", "2d"}) {
            assertThatThrownBy(() -> IoTuneSettings.parseDuration(bad)).hasMessageContaining("more than 0 and at most 24 hours");
        }
    }

    @Test
    void thePropertiesFileGoesBesideCharybdisYamlWhenTheHomeIsKnown() {
        assertThat(IoTuneSettings.defaultPropertiesFile("/opt/charybdis")).isEqualTo(Path.of("/opt/charybdis/conf/io_properties.yaml"));
        assertThat(IoTuneSettings.defaultPropertiesFile(null)).isEqualTo(Path.of("io_properties.yaml"));
        assertThat(IoTuneSettings.defaultPropertiesFile(" ")).isEqualTo(Path.of("io_properties.yaml"));
    }

    @Test
    void concurrencyDefaultsToSeveralRequestsInFlightAndIsBounded() {
        assertThat(IoTuneSettings.defaultConcurrency()).isGreaterThanOrEqualTo(64);
        assertThatThrownBy(() -> new IoTuneSettings(Path.of("."), Path.of("x"), 1, 1, 0, true)).hasMessageContaining("--concurrency must be between 1 and 1024");
        assertThatThrownBy(() -> new IoTuneSettings(Path.of("."), Path.of("x"), 1, 1, 1025, true)).hasMessageContaining("--concurrency");
    }
}
