package org.charybdis.tools.bench;

import java.util.List;

/**
 * Everything one {@code storage-bench} run measured. Sizes are bytes, times seconds, rates MiB/s (2^20 bytes per
 * second), latencies microseconds. {@link TextReport} prints it for people; Jackson writes it as JSON.
 */
public record BenchReport(Setup setup, Writes writes, Background background, Amplification amplification, Files files,
                          Reads reads, Major major, Memory memory, List<String> warnings) {

    /**
     * What was run. {@code engine}: the table's storage_engine; {@code engineConfig}: how that engine was set up (its
     * compaction, and for RocksDB the memory it took from the shard's budgets).
     */
    public record Setup(long rows, int keySize, int valueSize, long userBytes, int shards, String directory, boolean kept,
                        long memtablePerShard, String scaling, String engine, String engineConfig, String commitlogSync,
                        int concurrencyPerShard, String jvm, long maxHeap, String gc, int cpus) {}

    /** The write phase: from the first write sent to the last one acknowledged. */
    public record Writes(long rows, long userBytes, double seconds, double mibPerSecond, double rowsPerSecond, LatencySummary latency) {}

    /**
     * Flushes and compactions from the start until the engine settled (nothing left to flush or compact).
     * {@code flushMibPerSecond} divides by the flushes' own durations, {@code flushMibPerWallSecond} by the write
     * phase plus the settling; likewise for compactions.
     */
    public record Background(long flushes, long bytesFlushed, double flushSeconds, double flushMibPerSecond,
                             double flushMibPerWallSecond, long compactions, long compactionBytesRead, long compactionBytesWritten,
                             double compactionSeconds, double compactionWriteMibPerSecond, double compactionReadMibPerSecond,
                             double compactionWriteMibPerWallSecond, double settleSeconds, boolean settled) {}

    /**
     * {@code write}: (bytes flushed + bytes written by compactions) / user bytes. {@code processWriteBytes}: what the
     * kernel counted for the whole process ({@code /proc/self/io write_bytes}), commitlog included, -1 if unknown;
     * {@code writeWithCommitlog} is that over the user bytes.
     */
    public record Amplification(double write, long processWriteBytes, double writeWithCommitlog) {}

    /** SSTables when the writes ended and once the engine settled, and what they take on disk. */
    public record Files(int sstablesWhenWritesEnded, int sstablesSettled, long sstableBytes, long logicalBytes,
                        double spaceAmplification) {}

    /** Random point reads of existing rows. {@code wrongAnswers}: reads that did not return the row written. */
    public record Reads(long reads, long wrongAnswers, double sstablesPerRead, double diskReadsPerRead, double indexReadsPerRead,
                        double dataChunksReadPerRead, double seconds, double readsPerSecond, LatencySummary latency) {}

    /**
     * The major compaction ({@code compact()} on every shard) and the same reads after it; null when skipped.
     * {@code dataDirectoryBytes}: every file under data/ then (the engine's metadata and logs too), over the user bytes
     * in {@code dataDirectoryAmplification}.
     */
    public record Major(double seconds, long bytesRead, long bytesWritten, int sstables, long sstableBytes,
                        double spaceAmplification, long dataDirectoryBytes, double dataDirectoryAmplification, Reads reads) {}

    /**
     * Memory over the whole run, sampled every second: heap used (garbage included), heap live after the
     * collections, direct ByteBuffers (IO buffers), resident set size, and the heap and direct buffers after a final
     * {@code System.gc()}.
     */
    public record Memory(long memtableBudget, double userBytesOverBudget, long maxHeap, long maxHeapUsed, long maxHeapAfterGc,
                         long heapAfterFinalGc, long maxDirectBuffers, long directBuffersAfterFinalGc, long maxResident,
                         long residentAtEnd, long samples) {}
}
