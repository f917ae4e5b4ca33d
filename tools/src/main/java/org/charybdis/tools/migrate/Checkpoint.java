package org.charybdis.tools.migrate;

import org.charybdis.tools.cql.TokenRanges.Range;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ranges a migration has finished copying, one line each in a text file written as it goes, so that a run given
 * the same file copies only what the earlier ones did not finish:
 * <pre>
 * charybdis-migrate-checkpoint splits=16
 * done -9223372036854775808 -8070450532247928832 1234 shop.orders
 * started -8070450532247928832 -6917529027641081856 shop.page_views
 * </pre>
 * {@code started} lines are written for counter tables only: a range started and never done was partly added to.
 * Without a file ({@link #none}) nothing is remembered.
 */
final class Checkpoint {
    private static final String HEADER = "charybdis-migrate-checkpoint splits=";
    private final Path file;
    private final Set<TableRange> done = new HashSet<>();
    private final Set<TableRange> started = new HashSet<>();

    private record TableRange(String table, Range range) {}

    private Checkpoint(Path file) {
        this.file = file;
    }

    static Checkpoint none() {
        return new Checkpoint(null);
    }

    /** Reads the file, or starts it when it does not exist; a file of another split count is refused. */
    static Checkpoint open(Path file, int splits) {
        Checkpoint checkpoint = new Checkpoint(file);
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER + splits + "\n", StandardCharsets.UTF_8);
                return checkpoint;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.getFirst().startsWith(HEADER)) {
                throw new MigrationFailure(file + " is not a checkpoint of charybdis migrate (its first line should start with '"
                        + HEADER + "'): give another --checkpoint file");
            }
            String written = lines.getFirst().substring(HEADER.length()).strip();
            if (!written.equals(Integer.toString(splits))) {
                throw new MigrationFailure(file + " was written with --splits " + written + ", this run has " + splits
                        + ": give --splits " + written + " to resume it, or another --checkpoint file to start over");
            }
            for (String line : lines.subList(1, lines.size())) checkpoint.read(line);
        } catch (IOException e) {
            throw new MigrationFailure("cannot use the checkpoint file " + file + ": " + e.getMessage(), e);
        }
        return checkpoint;
    }

    private void read(String line) {
        String[] parts = line.split(" ", 5);
        try {
            if (parts[0].equals("done") && parts.length == 5) done.add(entry(parts[4], parts[1], parts[2]));
            else if (parts[0].equals("started") && parts.length == 4) started.add(entry(parts[3], parts[1], parts[2]));
        } catch (NumberFormatException e) {
            // a line torn by a crash: that range is copied again
        }
    }

    private static TableRange entry(String table, String start, String end) {
        return new TableRange(table, new Range(Long.parseLong(start), Long.parseLong(end)));
    }

    synchronized boolean isDone(String table, Range range) {
        return done.contains(new TableRange(table, range));
    }

    /** Whether any range of the table was started or finished by an earlier run. */
    synchronized boolean touched(String table) {
        return done.stream().anyMatch(e -> e.table().equals(table)) || started.stream().anyMatch(e -> e.table().equals(table));
    }

    /** A range of the table started and not finished, if there is one. */
    synchronized Optional<Range> unfinished(String table) {
        return started.stream().filter(e -> e.table().equals(table) && !done.contains(e)).map(TableRange::range).findFirst();
    }

    synchronized void markStarted(String table, Range range) {
        started.add(new TableRange(table, range));
        append("started " + range.start() + " " + range.end() + " " + table);
    }

    synchronized void markDone(String table, Range range, long rows) {
        done.add(new TableRange(table, range));
        append("done " + range.start() + " " + range.end() + " " + rows + " " + table);
    }

    private void append(String line) {
        if (file == null) return;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(line + "\n"));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint file " + file, e);
        }
    }
}
