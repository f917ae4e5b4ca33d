package org.charybdis.tools.stress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The final report as JSON for scripts: snake_case names, latencies in milliseconds ({@code latency_ms.p99}). */
final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    static String toJson(StressReport report) throws IOException {
        return MAPPER.writeValueAsString(report) + System.lineSeparator();
    }

    static void write(StressReport report, Path file) throws IOException {
        Files.writeString(file, toJson(report));
    }
}
