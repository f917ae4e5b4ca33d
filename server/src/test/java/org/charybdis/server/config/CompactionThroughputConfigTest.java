package org.charybdis.server.config;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** compaction_throughput in Cassandra 4.1's units, and its older name compaction_throughput_mb_per_sec. */
class CompactionThroughputConfigTest {
    @Test
    void unthrottledByDefault() {
        assertThat(new ConfigLoader().build().compactionThroughput()).isZero();
    }

    @Test
    void ratesInUnitsOrPlainMiB() throws IOException {
        assertThat(throughput(Map.of("compaction_throughput", "64MiB/s"))).isEqualTo(64L << 20);
        assertThat(throughput(Map.of("compaction_throughput", "512KiB/s"))).isEqualTo(512L << 10);
        assertThat(throughput(Map.of("compaction_throughput", "1000B/s"))).isEqualTo(1000);
        assertThat(throughput(Map.of("compaction_throughput", "100MB/s"))).isEqualTo(100_000_000L);
        assertThat(throughput(Map.of("compaction_throughput", 16))).isEqualTo(16L << 20);
    }

    @Test
    void theOlderNameIsReadInMiBPerSecondButNotBesideTheNewOne() throws IOException {
        assertThat(throughput(Map.of("compaction_throughput_mb_per_sec", 8))).isEqualTo(8L << 20);
        assertThatThrownBy(() -> throughput(Map.of("compaction_throughput", "64MiB/s", "compaction_throughput_mb_per_sec", 8)))
                .hasMessageContaining("sets both");
    }

    @Test
    void aMalformedRateNamesTheKeyAndTheExpectedShape() {
        assertThatThrownBy(() -> throughput(Map.of("compaction_throughput", "fast")))
                .hasMessageContaining("compaction_throughput").hasMessageContaining("64MiB/s");
        assertThatThrownBy(() -> throughput(Map.of("compaction_throughput_mb_per_sec", -2)))
                .hasMessageContaining("compaction_throughput_mb_per_sec");
    }

    @TempDir
    Path dir;

    /** The node's rate with these lines in charybdis.yaml. */
    private long throughput(Map<String, Object> values) throws IOException {
        StringBuilder yaml = new StringBuilder();
        values.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
        Path file = Files.writeString(dir.resolve("charybdis.yaml"), yaml);
        return new ConfigLoader().yaml(file).build().compactionThroughput();
    }
}
