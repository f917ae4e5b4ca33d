package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.tools.cql.TokenRanges.Range;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Compares the tables on the source and the target range by range: each range's {@link RangeDigest} (row count and
 * checksum of the values) is read from both with the same select. Rows whose TTL runs out between the two reads show as
 * a mismatch: run it again.
 */
final class Verification {
    private final CqlSession source;
    private final CqlSession target;
    private final int pageSize;
    private final int concurrency;

    Verification(CqlSession source, CqlSession target, int pageSize, int concurrency) {
        this.source = source;
        this.target = target;
        this.pageSize = pageSize;
        this.concurrency = concurrency;
    }

    /** @return one line per range that differs, naming the table and range and both digests; empty when all agree */
    List<String> mismatches(List<TableScan> tables, List<Range> ranges, PrintWriter err, boolean terminal) throws InterruptedException {
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        Progress progress = new Progress("verify", (long) tables.size() * ranges.size());
        List<RangeWorkers.RangeTask> tasks = new ArrayList<>();
        for (TableScan scan : tables) {
            PreparedStatement onSource = prepare(source, scan, "source");
            PreparedStatement onTarget = prepare(target, scan, "target");
            int columns = scan.keys().size() + scan.values().size();
            for (Range range : ranges) {
                tasks.add(() -> {
                    RangeDigest expected = digest(source, onSource, range, columns, progress);
                    RangeDigest actual = digest(target, onTarget, range, columns, null);
                    if (!expected.equals(actual)) {
                        mismatches.add(scan.name() + " range " + range + ": source " + expected + ", target " + actual);
                    }
                    progress.rangeDone();
                });
            }
        }
        ProgressReporter reporter = new ProgressReporter(progress, err, terminal);
        try {
            RangeWorkers.runAll(concurrency, tasks);
        } finally {
            reporter.close();
        }
        List<String> sorted = new ArrayList<>(mismatches);
        Collections.sort(sorted);
        return sorted;
    }

    private static PreparedStatement prepare(CqlSession session, TableScan scan, String side) {
        try {
            return session.prepare(scan.verifySelect());
        } catch (RuntimeException e) {
            throw new MigrationFailure("cannot read " + scan.name() + " on the " + side + ": " + e.getMessage(), e);
        }
    }

    /** @param progress counts the rows read, or null */
    private RangeDigest digest(CqlSession session, PreparedStatement select, Range range, int columns, Progress progress) {
        RangeDigest.Builder digest = new RangeDigest.Builder();
        for (Row row : session.execute(select.bind(range.start(), range.end()).setPageSize(pageSize))) {
            digest.add(row, columns);
            if (progress != null) progress.rowDone();
        }
        return digest.build();
    }
}
