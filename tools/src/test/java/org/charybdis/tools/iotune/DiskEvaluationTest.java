package org.charybdis.tools.iotune;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DiskEvaluationTest {
    @Test
    void withoutODirectItMeasuresBufferedIoAndSaysTheResultsAreOptimistic(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        IoTuneSettings settings = new IoTuneSettings(dir, dir.resolve("p.yaml"), 100_000_000L, 2L << 20, 2, false);
        DiskReport report = new DiskEvaluation(settings, new PrintWriter(out, true)).run();

        assertThat(report.direct()).isFalse();
        assertThat(out.toString()).contains("O_DIRECT not supported on", "measuring buffered IO, results are optimistic");
        assertThat(report.summary()).contains("buffered IO (O_DIRECT not supported: results are optimistic)");
        assertThat(report.propertiesComment()).contains("buffered IO: optimistic");
        assertThat(report.capacity().readIops()).isPositive();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theFileSizeIsRoundedDownToWholeSequentialRequests(@TempDir Path dir) throws Exception {
        IoTuneSettings settings = new IoTuneSettings(dir, dir.resolve("p.yaml"), 50_000_000L, (1L << 20) + 5000, 1, true);
        DiskReport report = new DiskEvaluation(settings, new PrintWriter(new StringWriter())).run();
        assertThat(report.fileSize()).isEqualTo(1L << 20);
    }
}
