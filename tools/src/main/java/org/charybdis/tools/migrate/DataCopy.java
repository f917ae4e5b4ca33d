package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.tools.cql.TokenRanges.Range;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies the rows of tables from the source to the target, token range by token range: each range is paged through
 * with its table's copy select and its rows are written by the table's {@link RowWriter}, with a bounded number of
 * writes in flight. A range is recorded in the {@link Checkpoint} once all its writes are acknowledged, and ranges
 * recorded there are not copied again.
 */
final class DataCopy {
    /** Writes a range keeps in flight: enough to hide the target's latency, few enough to stay gentle on it. */
    static final int WRITES_IN_FLIGHT_PER_RANGE = 32;
    /** Tries of a write that fails, counters' aside (adding twice would count twice). */
    private static final int WRITE_ATTEMPTS = 3;
    private static final long RETRY_DELAY_MILLIS = 500;

    private final CqlSession source;
    private final CqlSession target;
    private final Checkpoint checkpoint;
    private final RowRateLimiter limiter;
    private final int pageSize;
    private final int concurrency;

    DataCopy(CqlSession source, CqlSession target, Checkpoint checkpoint, RowRateLimiter limiter, int pageSize, int concurrency) {
        this.source = source;
        this.target = target;
        this.checkpoint = checkpoint;
        this.limiter = limiter;
        this.pageSize = pageSize;
        this.concurrency = concurrency;
    }

    private record Work(TableScan scan, PreparedStatement select, RowWriter writer, Range range) {}

    /** @return the rows copied */
    long copy(List<TableScan> tables, List<Range> ranges, PrintWriter err, boolean terminal) throws InterruptedException {
        List<Work> work = new ArrayList<>();
        for (TableScan scan : tables) {
            if (scan.counters()) checkCounterTarget(scan);
            PreparedStatement select = source.prepare(scan.copySelect());
            RowWriter writer = RowWriter.of(scan, target);
            for (Range range : ranges) {
                if (!checkpoint.isDone(scan.name(), range)) work.add(new Work(scan, select, writer, range));
            }
        }
        Progress progress = new Progress("copy", work.size());
        List<RangeWorkers.RangeTask> tasks = new ArrayList<>();
        for (Work w : work) tasks.add(() -> copyRange(w, progress));
        ProgressReporter reporter = new ProgressReporter(progress, err, terminal);
        try {
            RangeWorkers.runAll(concurrency, tasks);
        } finally {
            reporter.close();
        }
        return progress.rows();
    }

    private void copyRange(Work work, Progress progress) throws InterruptedException {
        String table = work.scan().name();
        if (work.scan().counters()) checkpoint.markStarted(table, work.range());
        Semaphore inFlight = new Semaphore(WRITES_IN_FLIGHT_PER_RANGE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BoundStatement select = work.select().bind(work.range().start(), work.range().end()).setPageSize(pageSize);
        ByteBuffer[] partition = null;
        long rows = 0;
        try {
            for (Row row : source.execute(select)) {
                if (failure.get() != null) break;
                limiter.acquire();
                ByteBuffer[] key = partitionKey(row, work.scan().partitionKeySize());
                boolean newPartition = !Arrays.equals(key, partition);
                partition = key;
                for (BoundStatement write : work.writer().statementsFor(row, newPartition)) {
                    inFlight.acquire();
                    send(write, work.scan().counters() ? 1 : WRITE_ATTEMPTS).whenComplete((result, error) -> {
                        if (error != null) failure.compareAndSet(null, error);
                        inFlight.release();
                    });
                }
                rows++;
                progress.rowDone();
            }
        } catch (MigrationFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MigrationFailure("reading range " + work.range() + " of " + table + " from the source failed: " + e.getMessage()
                    + "\nRun again with the same --checkpoint to resume", e);
        } finally {
            inFlight.acquire(WRITES_IN_FLIGHT_PER_RANGE); // every write of the range has completed
        }
        if (failure.get() != null) {
            throw new MigrationFailure("writing range " + work.range() + " of " + table + " to the target failed: "
                    + failure.get().getMessage() + "\nRun again with the same --checkpoint to resume", failure.get());
        }
        checkpoint.markDone(table, work.range(), rows);
        progress.rangeDone();
    }

    /**
     * Sends a write, again when it fails while attempts remain (a busy target times out or sheds load): every write but
     * a counter's sets the same cells at the same time, so repeating it is harmless.
     */
    private CompletableFuture<Void> send(BoundStatement write, int attempts) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        target.executeAsync(write).whenComplete((result, error) -> {
            if (error == null) {
                done.complete(null);
            } else if (attempts > 1) {
                CompletableFuture.delayedExecutor(RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS).execute(() ->
                        send(write, attempts - 1).whenComplete((r, e) -> {
                            if (e == null) done.complete(null);
                            else done.completeExceptionally(e);
                        }));
            } else {
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    private static ByteBuffer[] partitionKey(Row row, int size) {
        ByteBuffer[] key = new ByteBuffer[size];
        for (int i = 0; i < size; i++) key[i] = row.getBytesUnsafe(i);
        return key;
    }

    private void checkCounterTarget(TableScan scan) {
        var unfinished = checkpoint.unfinished(scan.name());
        if (unfinished.isPresent()) {
            throw new MigrationFailure("counter table " + scan.name() + " was interrupted while range " + unfinished.get()
                    + " was being copied: its counters there are partly added. TRUNCATE " + scan.name()
                    + " on the target, remove its lines from the checkpoint file and run again");
        }
        if (!checkpoint.touched(scan.name()) && target.execute("SELECT * FROM " + scan.name() + " LIMIT 1").one() != null) {
            throw new MigrationFailure("counter table " + scan.name() + " is not empty on the target: counters are copied by"
                    + " adding (UPDATE ... SET c = c + value), so only into an empty table. TRUNCATE it on the target first");
        }
    }
}
