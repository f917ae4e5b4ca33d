package org.charybdis.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import org.charybdis.storage.lsm.LsmEngineFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the node's memory goes: each shard's memtables ({@code charybdis_memory_memtable_bytes}), the process's
 * resident set ({@code charybdis_memory_rss_bytes}, from {@code /proc/self/status}), and Micrometer's JVM binders:
 * heap and non-heap pools ({@code jvm_memory_*}), direct and mapped buffers ({@code jvm_buffer_*}), and the garbage
 * collector ({@code jvm_gc_*}, pauses in {@code jvm_gc_pause_seconds}). The chunk caches have their own families.
 */
final class MemoryMetrics implements AutoCloseable {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final JvmGcMetrics gc = new JvmGcMetrics();

    MemoryMetrics(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        Gauge.builder("charybdis.memory.rss.bytes", PROC_STATUS, MemoryMetrics::residentBytes)
                .description("Resident set size of the process (VmRSS)").register(registry);
    }

    void registerMemtables(MeterRegistry registry, LsmEngineFactory engines, int shards) {
        for (int shard = 0; shard < shards; shard++) {
            int id = shard;
            Gauge.builder("charybdis.memory.memtable.bytes", engines, e -> e.memtableBytes(id)).tags("shard", Integer.toString(id))
                    .description("Memory the shard's memtables hold: native slabs and their on-heap index").register(registry);
        }
    }

    /** Stops listening to the collector's notifications. */
    @Override
    public void close() {
        gc.close();
    }

    /** The VmRSS line of /proc/self/status, in bytes; NaN where there is none (not Linux). */
    static double residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (!line.startsWith("VmRSS:")) continue;
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024.0; // the kernel reports kB
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
