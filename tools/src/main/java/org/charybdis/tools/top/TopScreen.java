package org.charybdis.tools.top;

import org.charybdis.server.console.ConsoleSample;
import org.charybdis.tools.admin.AlignedColumns;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One frame of {@code charybdis top}: a console sample as text tables, for the node or one shard. */
final class TopScreen {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final double MIB = 1024.0 * 1024.0;

    private TopScreen() {}

    /** The frame for {@code shard} (null: the whole node) of {@code sample}, taken from the node at {@code address}. */
    static String render(ConsoleSample sample, Integer shard, String address) {
        ConsoleSample.Shard figures = select(sample, shard);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int shards = sample.shards().size();
        String scope = shard == null ? "node, " + shards + (shards == 1 ? " shard" : " shards") : "shard " + shard + " of " + shards;
        out.printf(Locale.ROOT, "charybdis top - %s  %s  %s, interval %.1f s%n", address,
                CLOCK.format(Instant.ofEpochMilli(sample.timeMs())), scope, sample.intervalSeconds());
        out.printf(Locale.ROOT, "Backlog: memtable flush %s  compaction %s%n%n",
                optional(figures.memtableFlushBacklog()), optional(figures.compactionBacklog()));
        AlignedColumns.print(ioRows(figures.io()), 2, out);
        out.println();
        AlignedColumns.print(groupRows(figures.groups()), 2, out);
        out.println();
        AlignedColumns.print(latencyRows(figures.serviceLevels()), 2, out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ConsoleSample.Shard select(ConsoleSample sample, Integer shard) {
        if (shard == null) return sample.node();
        if (shard < 0 || shard >= sample.shards().size()) {
            throw new IllegalArgumentException("--shard " + shard + ": the node has shards 0 to " + (sample.shards().size() - 1));
        }
        return sample.shards().get(shard);
    }

    /** Reads and writes of each IO class: requests, bandwidth, mean size, share sequential, queue delay and disk use. */
    private static List<List<String>> ioRows(Map<String, ConsoleSample.Io> io) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("IO class", "read/s", "read MiB/s", "read size", "read seq", "cached/s",
                "write/s", "write MiB/s", "write size", "write seq", "queue", "delay ms", "disk"));
        io.forEach((ioClass, c) -> rows.add(List.of(ioClass, number(c.readIops()), mebibytes(c.readBandwidth()),
                size(c.readSize()), percent(c.readSequential()), number(c.cachedReadIops()), number(c.writeIops()),
                mebibytes(c.writeBandwidth()), size(c.writeSize()), percent(c.writeSequential()),
                Long.toString(c.queueLength()), decimal(c.queueDelayMs()), percent(c.consumption()))));
        return rows;
    }

    private static List<List<String>> groupRows(Map<String, ConsoleSample.Group> groups) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Scheduling group", "CPU", "queue", "shares"));
        groups.forEach((name, g) -> rows.add(List.of(name, percent(g.utilization()), Long.toString(g.queueLength()),
                Integer.toString(g.shares()))));
        return rows;
    }

    private static List<List<String>> latencyRows(Map<String, ConsoleSample.Latency> levels) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Service level", "requests/s", "p50 ms", "p99 ms", "max ms"));
        levels.forEach((name, l) -> rows.add(List.of(name, number(l.requestsPerSecond()), decimal(l.p50Ms()),
                decimal(l.p99Ms()), decimal(l.maxMs()))));
        return rows;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String mebibytes(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%.2f", bytesPerSecond / MIB);
    }

    /** A mean request size: bytes under 10 KiB, KiB above; "-" with no request. */
    private static String size(double bytes) {
        if (bytes == 0) return "-";
        return bytes < 10 * 1024 ? String.format(Locale.ROOT, "%.0f B", bytes) : String.format(Locale.ROOT, "%.0f KiB", bytes / 1024);
    }

    private static String percent(Double fraction) {
        return fraction == null ? "-" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String optional(Double value) {
        return value == null ? "-" : decimal(value);
    }
}
