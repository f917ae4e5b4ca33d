package org.charybdis.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextReportTest {
    static final LatencySummary LATENCY = new LatencySummary(1000, 150.4, 120, 300, 2500, 12_000, 15_000_000);

    static BenchReport sample(List<String> warnings) {
        return sample("charybdis", "UnifiedCompactionStrategy, scaling_parameters T4", 51.2, warnings);
    }

    static BenchReport sample(String engine, String engineConfig, double writeMibPerSecond, List<String> warnings) {
        BenchReport.Reads reads = new BenchReport.Reads(100_000, 0, 2.25, 1.9, 0.9, 1.0, 10.0, 10_000, LATENCY);
        BenchReport.Reads afterMajor = new BenchReport.Reads(100_000, 0, 1.0, 1.01, 0.0, 1.01, 5.0, 20_000, LATENCY);
        return new BenchReport(
                new BenchReport.Setup(1_040_447, 8, 1024, 1L << 30, 1, "/tmp/b", false, 64L << 20, "T4", engine, engineConfig, "periodic", 256, "25", 512L << 20, "ZGC", 2),
                new BenchReport.Writes(1_040_447, 1L << 30, 20.0, writeMibPerSecond, 52_022, LATENCY),
                new BenchReport.Background(40, 1100L << 20, 30.0, 36.7, 25.0, 12, 2000L << 20, 1990L << 20, 50.0, 39.8, 40.0, 45.2, 24.0, true),
                new BenchReport.Amplification(2.99, 5L << 30, 5.0),
                new BenchReport.Files(9, 4, 1100L << 20, 1L << 30, 1.07),
                reads,
                new BenchReport.Major(12.5, 1100L << 20, 1090L << 20, 1, 1090L << 20, 1.06, 1100L << 20, 1.07, afterMajor),
                new BenchReport.Memory(64L << 20, 16.0, 512L << 20, 400L << 20, 120L << 20, 60L << 20, 30L << 20, 2L << 20, 700L << 20, 650L << 20, 44),
                warnings);
    }

    @Test
    void printsEveryFigureWithItsUnit() {
        String text = TextReport.format(sample(List.of()));

        assertThat(text).contains("Rows:                        1,040,447 (key 8 B, value 1024 B)")
                .contains("UnifiedCompactionStrategy, scaling_parameters T4")
                .contains("Written:                     1,040,447 rows, 1.00 GiB in 20.0 s")
                .contains("Throughput:                  51.2 MiB/s, 52,022 rows/s")
                .contains("Write latency:               p50 120 us, p90 300 us, p99 2500 us, p99.9 12.0 ms, max 15.0 s, mean 150 us")
                .contains("Flushes:                     40, 1.07 GiB in 30.0 s of flushing")
                .contains("Flush rate:                  36.7 MiB/s while flushing, 25.0 MiB/s over the wall time")
                .contains("Compactions:                 12, read 1.95 GiB, wrote 1.94 GiB in 50.0 s of compacting")
                .contains("write 39.8 MiB/s, read 40.0 MiB/s while compacting; write 45.2 MiB/s over the wall time")
                .contains("Write amplification:         2.99")
                .contains("With the commitlog:          5.00 (all bytes the process wrote to storage: 5.00 GiB")
                .contains("SSTables:                    9 when the writes ended, 4 once settled")
                .contains("Space amplification:         1.07")
                .contains("Point reads after the writes")
                .contains("SSTables per read:           2.25")
                .contains("Disk reads per read:         1.900 (query IO class; chunk cache misses per read: index spans 0.900, data chunks 1.000)")
                .contains("Major compaction")
                .contains("Engine:                      charybdis: UnifiedCompactionStrategy, scaling_parameters T4")
                .contains("SSTables after:              1, 1.06 GiB, space amplification 1.06")
                .contains("Data directory after:        1.07 GiB, 1.07 x the user data (every file under data/)")
                .contains("Point reads after the major compaction")
                .contains("SSTables per read:           1.00")
                .contains("Memtable budget:             64.00 MiB in total; user data written = 16.0 x the budget")
                .contains("max heap 512.00 MiB; max used 400.00 MiB (garbage included); max live after GC 120.00 MiB; after final System.gc() 60.00 MiB")
                .contains("Direct buffers:              max 30.00 MiB, after the final System.gc() 2.00 MiB")
                .contains("RSS:                         max 700.00 MiB, at the end 650.00 MiB (44 samples)")
                .doesNotContain("Warnings");
    }

    @Test
    void aRocksdbReportLeavesOutTheReadCostsItsEngineDoesNotCount() {
        String text = TextReport.format(sample("rocksdb", "RocksDB leveled compaction", 20.0, List.of()));

        assertThat(text).contains("Engine:                      rocksdb: RocksDB leveled compaction")
                .contains("SSTables per read:           not counted (RocksDB reads its files through its own block cache")
                .doesNotContain("Disk reads per read");
    }

    @Test
    void theComparisonPutsTheEnginesSideBySideWithRatios() {
        String text = EngineComparison.format(List.of(sample(List.of()), sample("rocksdb", "RocksDB", 25.6, List.of())));

        assertThat(text).startsWith("Engines side by side (ratio: the engine's figure over charybdis's)\n")
                .contains("   charybdis      rocksdb      ratio\n")
                .contains("  Write throughput (MiB/s)                       51.2         25.6       0.50\n")
                .contains("  Write latency p99                           2500 us      2500 us       1.00\n")
                .contains("  Space amplification after the major            1.06         1.06       1.00\n")
                .contains("    data/ after the major (x user data)          1.07         1.07       1.00\n");
    }

    @Test
    void warningsComeLast() {
        String text = TextReport.format(sample(List.of("compaction had not settled")));
        assertThat(text).endsWith("Warnings\n  ! compaction had not settled\n");
    }

    @Test
    void jsonHasSnakeCaseFieldsForEveryFigure() throws Exception {
        JsonNode json = new ObjectMapper().readTree(StorageBenchCommand.toJson(sample(List.of())));

        assertThat(json.path("writes").path("mib_per_second").asDouble()).isEqualTo(51.2);
        assertThat(json.path("writes").path("latency").path("p99_micros").asLong()).isEqualTo(2500);
        assertThat(json.path("background").path("bytes_flushed").asLong()).isEqualTo(1100L << 20);
        assertThat(json.path("amplification").path("write").asDouble()).isEqualTo(2.99);
        assertThat(json.path("files").path("space_amplification").asDouble()).isEqualTo(1.07);
        assertThat(json.path("reads").path("sstables_per_read").asDouble()).isEqualTo(2.25);
        assertThat(json.path("major").path("reads").path("sstables_per_read").asDouble()).isEqualTo(1.0);
        assertThat(json.path("major").path("reads").path("disk_reads_per_read").asDouble()).isEqualTo(1.01);
        assertThat(json.path("memory").path("max_resident").asLong()).isEqualTo(700L << 20);
        assertThat(json.path("warnings").isArray()).isTrue();
    }
}
