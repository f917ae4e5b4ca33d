package org.charybdis.server.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.config.MemoryBudget;
import org.charybdis.server.testing.ChildServerProcess;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.RunsAlone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server started the way bin/charybdis starts it (the flags {@code charybdis jvm-options} prints for its arguments,
 * then the server with the same arguments) runs in the heap and direct memory its {@link MemoryBudget} gives it, as
 * the JVM itself reports them, and sizes its memtables and chunk cache from the same budget.
 */
@RunsAlone
class JvmMemoryLaunchTest {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void theJvmOfTheServerIsSizedFromItsMemoryOption() throws Exception {
        Map<String, String> options = Map.of("memory", "1500M", "memtable_total_space", "0.4");
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), options, START)) {
            JsonNode info = new ObjectMapper().readTree(HttpGet.body(child.apiPort(), "/info"));
            MemoryBudget expected = MemoryBudget.of(1500L << 20, 0.4, 2);

            assertThat(info.path("heap_max_bytes").asLong()).as("the JVM's maximum heap").isEqualTo(expected.heap());
            assertThat(info.path("max_direct_memory_bytes").asLong()).as("the JVM's MaxDirectMemorySize").isEqualTo(expected.maxDirectMemory());
            assertThat(info.path("memtable_budget_bytes").asLong()).isEqualTo(expected.memtables());
            assertThat(info.path("chunk_cache_budget_bytes").asLong()).isEqualTo(expected.chunkCache());
            assertThat(info.path("memory_budget_bytes").asLong()).isEqualTo(1500L << 20);
        }
    }
}
