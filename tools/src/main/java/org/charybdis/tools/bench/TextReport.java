package org.charybdis.tools.bench;

import org.charybdis.storage.engine.StorageParams;

import java.util.Locale;

/** The report as people read it: one figure per line, grouped by phase, units spelled out. */
public final class TextReport {
    private final StringBuilder out = new StringBuilder();
    /** Only the default engine counts SSTables per read and reads through the IO queue and the chunk cache. */
    private final boolean readCostsCounted;

    private TextReport(boolean readCostsCounted) {
        this.readCostsCounted = readCostsCounted;
    }

    public static String format(BenchReport r) {
        TextReport t = new TextReport(r.setup().engine().equals(StorageParams.Engine.CHARYBDIS.optionValue()));
        t.setup(r.setup());
        t.writes(r.writes());
        t.background(r.background());
        t.amplification(r.amplification(), r.files());
        t.reads("Point reads after the writes", r.reads());
        if (r.major() != null) t.major(r.major());
        t.memory(r.memory());
        if (!r.warnings().isEmpty()) {
            t.section("Warnings");
            for (String w : r.warnings()) t.out.append("  ! ").append(w).append('\n');
        }
        return t.out.toString();
    }

    private void setup(BenchReport.Setup s) {
        section("Setup");
        line("Rows", "%,d (key %d B, value %d B)", s.rows(), s.keySize(), s.valueSize());
        line("User data", "%s", ByteAmount.format(s.userBytes()));
        line("Shards", "%d (CPUs seen by the JVM: %d)", s.shards(), s.cpus());
        line("Memtable budget per shard", "%s", ByteAmount.format(s.memtablePerShard()));
        line("Engine", "%s: %s", s.engine(), s.engineConfig());
        line("Commitlog sync", "%s", s.commitlogSync());
        line("Writes in flight per shard", "%d", s.concurrencyPerShard());
        line("Directory", "%s%s", s.directory(), s.kept() ? " (kept)" : " (deleted afterwards)");
        line("JVM", "%s, max heap %s, GC %s", s.jvm(), ByteAmount.format(s.maxHeap()), s.gc());
    }

    private void writes(BenchReport.Writes w) {
        section("Writes (ShardStorage.write: commitlog, then memtable)");
        line("Written", "%,d rows, %s in %.1f s", w.rows(), ByteAmount.format(w.userBytes()), w.seconds());
        line("Throughput", "%.1f MiB/s, %,.0f rows/s", w.mibPerSecond(), w.rowsPerSecond());
        latency("Write latency", w.latency());
    }

    private void background(BenchReport.Background b) {
        section("Flushes and compactions (until settled)");
        line("Flushes", "%,d, %s in %.1f s of flushing", b.flushes(), ByteAmount.format(b.bytesFlushed()), b.flushSeconds());
        if (b.flushSeconds() > 0 || b.flushes() == 0) {
            line("Flush rate", "%.1f MiB/s while flushing, %.1f MiB/s over the wall time", b.flushMibPerSecond(), b.flushMibPerWallSecond());
        } else {
            line("Flush rate", "%.1f MiB/s over the wall time (the engine does not time its flushes)", b.flushMibPerWallSecond());
        }
        line("Compactions", "%,d, read %s, wrote %s in %.1f s of compacting", b.compactions(), ByteAmount.format(b.compactionBytesRead()),
                ByteAmount.format(b.compactionBytesWritten()), b.compactionSeconds());
        line("Compaction rate", "write %.1f MiB/s, read %.1f MiB/s while compacting; write %.1f MiB/s over the wall time",
                b.compactionWriteMibPerSecond(), b.compactionReadMibPerSecond(), b.compactionWriteMibPerWallSecond());
        line("Settling after the writes", "%.1f s%s", b.settleSeconds(), b.settled() ? "" : " (NOT settled: timed out)");
    }

    private void amplification(BenchReport.Amplification a, BenchReport.Files f) {
        section("Amplification and files");
        line("Write amplification", "%.2f (bytes flushed + compaction bytes written) / user bytes", a.write());
        if (a.processWriteBytes() >= 0) {
            line("With the commitlog", "%.2f (all bytes the process wrote to storage: %s, commitlog and segment pre-allocation included)",
                    a.writeWithCommitlog(), ByteAmount.format(a.processWriteBytes()));
        } else {
            line("With the commitlog", "unknown (/proc/self/io not readable)");
        }
        line("SSTables", "%d when the writes ended, %d once settled", f.sstablesWhenWritesEnded(), f.sstablesSettled());
        line("SSTable size", "%s on disk for %s of user data", ByteAmount.format(f.sstableBytes()), ByteAmount.format(f.logicalBytes()));
        line("Space amplification", "%.2f (on-disk / user data)", f.spaceAmplification());
    }

    private void reads(String title, BenchReport.Reads r) {
        section(title);
        if (r.reads() == 0) {
            line("Reads", "none (--reads 0)");
            return;
        }
        line("Reads", "%,d random existing rows in %.1f s, %,.0f reads/s, %d wrong answers", r.reads(), r.seconds(), r.readsPerSecond(),
                r.wrongAnswers());
        if (readCostsCounted) {
            line("SSTables per read", "%.2f", r.sstablesPerRead());
            line("Disk reads per read", "%.3f (query IO class; chunk cache misses per read: index spans %.3f, data chunks %.3f)",
                    r.diskReadsPerRead(), r.indexReadsPerRead(), r.dataChunksReadPerRead());
        } else {
            line("SSTables per read", "not counted (RocksDB reads its files through its own block cache, outside the IO queue)");
        }
        latency("Read latency", r.latency());
    }

    private void major(BenchReport.Major m) {
        section("Major compaction");
        line("Compaction", "%.1f s, read %s, wrote %s", m.seconds(), ByteAmount.format(m.bytesRead()), ByteAmount.format(m.bytesWritten()));
        line("SSTables after", "%d, %s, space amplification %.2f", m.sstables(), ByteAmount.format(m.sstableBytes()), m.spaceAmplification());
        line("Data directory after", "%s, %.2f x the user data (every file under data/)", ByteAmount.format(m.dataDirectoryBytes()),
                m.dataDirectoryAmplification());
        reads("Point reads after the major compaction", m.reads());
    }

    private void memory(BenchReport.Memory m) {
        section("Memory (sampled every second over the whole run)");
        line("Memtable budget", "%s in total; user data written = %.1f x the budget", ByteAmount.format(m.memtableBudget()),
                m.userBytesOverBudget());
        line("Heap", "max heap %s; max used %s (garbage included); max live after GC %s; after final System.gc() %s",
                ByteAmount.format(m.maxHeap()), ByteAmount.format(m.maxHeapUsed()), ByteAmount.format(m.maxHeapAfterGc()),
                ByteAmount.format(m.heapAfterFinalGc()));
        line("Direct buffers", "max %s, after the final System.gc() %s", ByteAmount.format(m.maxDirectBuffers()),
                ByteAmount.format(m.directBuffersAfterFinalGc()));
        line("RSS", "max %s, at the end %s (%d samples)", ByteAmount.format(m.maxResident()), ByteAmount.format(m.residentAtEnd()), m.samples());
    }

    private void latency(String label, LatencySummary l) {
        line(label, "p50 %s, p90 %s, p99 %s, p99.9 %s, max %s, mean %s", micros(l.p50Micros()), micros(l.p90Micros()),
                micros(l.p99Micros()), micros(l.p999Micros()), micros(l.maxMicros()), micros(Math.round(l.meanMicros())));
    }

    static String micros(long micros) {
        if (micros < 10_000) return micros + " us";
        if (micros < 10_000_000) return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
        return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }

    private void section(String title) {
        if (!out.isEmpty()) out.append('\n');
        out.append(title).append('\n');
    }

    private void line(String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "  %-28s %s%n", label + ":", String.format(Locale.ROOT, format, args)));
    }
}
