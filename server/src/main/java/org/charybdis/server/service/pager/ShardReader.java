package org.charybdis.server.service.pager;

import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.Deadline;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.PartitionScanner;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ReadLimit;
import org.charybdis.storage.engine.RequestTrace;
import org.charybdis.storage.engine.TableEngine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The part of a SELECT that runs on the shard owning the data: reads partitions through the engine,
 * applies row filters and PER PARTITION LIMIT, and turns rows into result values so that only those
 * travel back to the coordinator. Scans stop between partitions once the request's deadline has passed.
 * Immutable, shared by every shard.
 */
public final class ShardReader {
    private final TableMetadata table;
    private final RowProjection selection;
    private final List<Slice> slices;
    private final boolean reversed;
    private final List<? extends RowFilter> filters;
    private final boolean clusteringRestricted;
    private final boolean distinct;
    private final int perPartitionLimit;
    private final long nowInSeconds;
    private final ClusteringComparator comparator;
    private final Deadline deadline;
    private final RequestTrace trace;

    public ShardReader(TableMetadata table, RowProjection selection, List<Slice> slices, boolean reversed, List<? extends RowFilter> filters,
                       boolean clusteringRestricted, boolean distinct, int perPartitionLimit, long nowInSeconds,
                       ClusteringComparator comparator, Deadline deadline, RequestTrace trace) {
        this.table = table;
        this.selection = selection;
        this.slices = slices;
        this.reversed = reversed;
        this.filters = filters;
        this.clusteringRestricted = clusteringRestricted;
        this.distinct = distinct;
        this.perPartitionLimit = perPartitionLimit;
        this.nowInSeconds = nowInSeconds;
        this.comparator = comparator;
        this.deadline = deadline;
        this.trace = trace;
    }

    /** Where the read records its steps. */
    RequestTrace trace() {
        return trace;
    }

    /** Result of a scan on one shard: partitions in token order, and whether the shard has nothing more. */
    record ScanResult(List<PartitionChunk> chunks, boolean complete) {}

    /**
     * Reads one partition, resuming after {@code resumeAfter} when not null, returning at most
     * what {@code room} allows and at most {@code partitionBudget} rows for this partition.
     */
    CompletableFuture<PartitionChunk> read(TableEngine engine, DecoratedKey key, Clustering resumeAfter, int partitionBudget, PageSize room) {
        if (trace.enabled()) trace.event("Executing single-partition query on " + table.name());
        CompletableFuture<PartitionChunk> read = readOn(engine, new PartitionRows(key, resumeAfter != null, partitionBudget, room.rows(), room.bytes()), resumeAfter, 0);
        return trace.enabled() ? read.thenApply(this::traced) : read;
    }

    private PartitionChunk traced(PartitionChunk chunk) {
        trace.event("Read " + chunk.rows().size() + " live rows");
        return chunk;
    }

    /**
     * Reads the partition after {@code after} (from its start when null) for what {@code rows} still wants; the engine
     * may stop there ({@link ReadLimit}). While a view that stopped leaves rows wanted (row filters dropped some, or
     * the values are larger than the engine counted), reads on after the last row it returned.
     */
    private CompletableFuture<PartitionChunk> readOn(TableEngine engine, PartitionRows rows, Clustering after, int round) {
        return engine.read(rows.key, filter(after), nowInSeconds, rows.limit(round), trace).thenCompose(view -> {
            if (!rows.take(view)) return CompletableFuture.completedFuture(rows.chunk());
            deadline.check();
            return readOn(engine, rows, rows.lastSeen, round + 1);
        });
    }

    /**
     * Reads the rows of one partition at the given clusterings (sorted in the table's order, each inside the
     * query's slices), as an index lookup found them: at most what {@code room} allows and {@code partitionBudget} rows.
     */
    CompletableFuture<PartitionChunk> readRows(TableEngine engine, DecoratedKey key, List<Slice> exactSlices, int partitionBudget, PageSize room) {
        if (trace.enabled()) trace.event("Executing single-partition query on " + table.name());
        CompletableFuture<PartitionChunk> read = engine.read(key, new ReadFilter(exactSlices, false, null, true), nowInSeconds, ReadLimit.NONE, trace)
                .thenApply(view -> rows(key, view, true, partitionBudget, room.rows(), room.bytes()));
        return trace.enabled() ? read.thenApply(this::traced) : read;
    }

    long nowInSeconds() {
        return nowInSeconds;
    }

    /** True when the row is inside one of the query's slices. */
    boolean selects(Clustering clustering) {
        for (Slice slice : slices) if (comparator.contains(slice, clustering)) return true;
        return false;
    }

    /** Scans the shard's partitions of the range in token order, after {@code after}, up to what {@code budget} allows. */
    CompletableFuture<ScanResult> scan(TableEngine engine, TokenRange range, DecoratedKey after, Clustering resumeAfter,
                                       int partitionBudget, PageSize budget) {
        if (trace.enabled()) trace.event("Executing range scan on " + table.name());
        ScanProgress progress = new ScanProgress(budget);
        if (after != null && resumeAfter != null && range.contains(after.token())) {
            return read(engine, after, resumeAfter, partitionBudget, budget).thenCompose(first -> {
                progress.add(first);
                if (!first.partitionDone()) return CompletableFuture.completedFuture(new ScanResult(progress.chunks, false));
                return scanFrom(engine, engine.scan(range, after, filter(null), nowInSeconds), progress);
            });
        }
        return scanFrom(engine, engine.scan(range, after, filter(null), nowInSeconds), progress);
    }

    /**
     * Takes partitions from the scanner until maxRows rows are collected or the range ends. Loops while the
     * scanner answers at once (memtable data) and continues asynchronously when it has to wait for the disk.
     * Each partition is asked for only what the page still has room for: a large one on disk comes back truncated
     * there, and the next page reads it on by key.
     */
    private CompletableFuture<ScanResult> scanFrom(TableEngine engine, PartitionScanner partitions, ScanProgress progress) {
        return AsyncLoop.until(() -> partitions.next(progress.nextLimit()).thenCompose(view -> progress.take(engine, partitions, view)))
                .whenComplete((ignored, failure) -> { if (failure != null) partitions.close(); })
                .thenApply(ignored -> {
                    if (trace.enabled()) trace.event("Read " + progress.rows + " live rows of " + progress.chunks.size() + " partitions");
                    return progress.result;
                });
    }

    /** One shard's scan in progress: the rows and bytes collected so far, and the result once the scan stops. */
    private final class ScanProgress {
        private final List<PartitionChunk> chunks = new ArrayList<>();
        private final PageSize budget;
        private int rows;
        private long bytes;
        private ScanResult result;

        ScanProgress(PageSize budget) {
            this.budget = budget;
        }

        void add(PartitionChunk chunk) {
            if (chunk.rows().isEmpty()) return;
            chunks.add(chunk);
            rows += chunk.rows().size();
            for (ByteBuffer[] row : chunk.rows()) bytes += PageSize.bytesOf(row);
        }

        private boolean full() {
            return rows >= budget.rows() || bytes >= budget.bytes();
        }

        /** What the next partition is read for: the room left on the page; one row once it is full. */
        ReadLimit nextLimit() {
            if (full()) return ReadLimit.rows(1); // only whether a partition with live data follows
            int wanted = Math.min(perPartitionLimit, budget.rows() - rows);
            long bytesLeft = budget.bytes() == Long.MAX_VALUE ? Long.MAX_VALUE : budget.bytes() - bytes;
            return readLimit(wanted, wanted < perPartitionLimit, bytesLeft, 0);
        }

        /**
         * Adds the partition's rows, reading on by key while a truncated view left rows wanted; completes with true
         * when the scan stops here (the result is then set).
         */
        CompletableFuture<Boolean> take(TableEngine engine, PartitionScanner partitions, PartitionView view) {
            // past a full page, the shard is complete only if no partition with live data follows
            if (full()) result = closed(partitions, new ScanResult(chunks, view == null));
            else if (view == null) result = closed(partitions, new ScanResult(chunks, true));
            if (result != null) return CompletableFuture.completedFuture(true);
            deadline.check(); // past the deadline the scan stops here (the scanner is closed on failure)
            PartitionRows partition = new PartitionRows(view.key(), false, perPartitionLimit, budget.rows() - rows, budget.bytes() - bytes);
            CompletableFuture<PartitionChunk> chunk = partition.take(view)
                    ? readOn(engine, partition, partition.lastSeen, 1)
                    : CompletableFuture.completedFuture(partition.chunk());
            return chunk.thenApply(c -> {
                add(c);
                if (!c.partitionDone()) result = closed(partitions, new ScanResult(chunks, false));
                return result != null;
            });
        }
    }

    private static ScanResult closed(PartitionScanner scanner, ScanResult result) {
        scanner.close();
        return result;
    }

    private ReadFilter filter(Clustering resumeAfter) {
        if (distinct) return ReadFilter.ALL;
        if (resumeAfter == null) return new ReadFilter(slices, reversed, null, true);
        List<Slice> trimmed = new ArrayList<>(slices.size());
        for (Slice s : slices) {
            Slice t;
            if (!reversed) {
                ClusteringBound start = ClusteringBound.start(false, resumeAfter);
                t = comparator.compare(s.start(), start) < 0 ? new Slice(start, s.end()) : s;
            } else {
                ClusteringBound end = ClusteringBound.end(false, resumeAfter);
                t = comparator.compare(end, s.end()) < 0 ? new Slice(s.start(), end) : s;
            }
            if (!comparator.isEmpty(t)) trimmed.add(t);
        }
        return new ReadFilter(trimmed, reversed, null, true);
    }

    /** The partition's result rows: at most {@code partitionBudget} and {@code maxRows}, and stopping once {@code maxBytes} is reached. */
    private PartitionChunk rows(DecoratedKey key, PartitionView view, boolean resumed, int partitionBudget, int maxRows, long maxBytes) {
        PartitionRows rows = new PartitionRows(key, resumed, partitionBudget, maxRows, maxBytes);
        rows.take(view);
        return rows.chunk();
    }

    /**
     * The result rows of one partition, taken from one view or from several, each going on after the last row of the
     * previous one: at most {@code partitionBudget} and {@code maxRows} rows, stopping once {@code maxBytes} is reached.
     */
    private final class PartitionRows {
        private final DecoratedKey key;
        private final ByteBuffer[] keyComponents;
        private final boolean resumed;
        private final int partitionBudget;
        private final int budget;
        private final long maxBytes;
        private final List<ByteBuffer[]> out = new ArrayList<>();
        private final List<Clustering> clusterings = new ArrayList<>();
        /** True once a view had something live. */
        private boolean found;
        private Row staticRow;
        /** The last row a view returned, whether the filters kept it or not. */
        private Clustering lastSeen;
        /** True when rows may follow the last one taken. */
        private boolean more;
        private long bytes;

        PartitionRows(DecoratedKey key, boolean resumed, int partitionBudget, int maxRows, long maxBytes) {
            this.key = key;
            this.keyComponents = PartitionKeys.split(key.key(), table.partitionKey().size());
            this.resumed = resumed;
            this.partitionBudget = partitionBudget;
            this.budget = Math.min(partitionBudget, maxRows);
            this.maxBytes = maxBytes;
        }

        /**
         * What the next read of {@code round} needs: the rows and bytes still wanted ({@link #readLimit}).
         */
        ReadLimit limit(int round) {
            return readLimit(budget - out.size(), budget < partitionBudget, maxBytes == Long.MAX_VALUE ? Long.MAX_VALUE : maxBytes - bytes, round);
        }

        /** Takes what fits of the view (null: nothing live); true when it stopped short of rows still wanted. */
        boolean take(PartitionView view) {
            if (view == null) {
                more = false;
                return false;
            }
            found = true;
            staticRow = view.staticRow();
            if (distinct) return false;
            Iterator<Row> rows = view.rows();
            boolean anyRow = false;
            while (out.size() < budget && bytes < maxBytes && rows.hasNext()) {
                Row row = rows.next();
                anyRow = true;
                lastSeen = row.clustering();
                if (!matches(keyComponents, staticRow, row)) continue;
                ByteBuffer[] values = selection.values(key, keyComponents, staticRow, row, nowInSeconds);
                out.add(values);
                clusterings.add(row.clustering());
                bytes += PageSize.bytesOf(values);
            }
            boolean viewEnded = !rows.hasNext();
            more = !viewEnded || view.truncated();
            return anyRow && viewEnded && view.truncated() && out.size() < budget && bytes < maxBytes;
        }

        PartitionChunk chunk() {
            if (distinct) {
                if (found && matches(keyComponents, staticRow, null)) {
                    out.add(selection.values(key, keyComponents, staticRow, null, nowInSeconds));
                    clusterings.add(null);
                }
                return new PartitionChunk(key, out, clusterings, true);
            }
            // Cassandra's rule: a partition with static data but no rows shows up once, with null clustering columns
            if (lastSeen == null && !resumed && staticRow != null && !clusteringRestricted && budget > 0 && matches(keyComponents, staticRow, null)) {
                out.add(selection.values(key, keyComponents, staticRow, null, nowInSeconds));
                clusterings.add(null);
                return new PartitionChunk(key, out, clusterings, true);
            }
            return new PartitionChunk(key, out, clusterings, !more || out.size() >= partitionBudget);
        }
    }

    /**
     * What a read of round {@code round} of a partition needs when {@code wanted} more rows fit and {@code bytesLeft}
     * bytes: the rows, one more to tell whether the partition goes on unless PER PARTITION LIMIT ends it there
     * ({@code mayGoOn} false), and the bytes; with row filters, twice as much each round.
     */
    private ReadLimit readLimit(int wanted, boolean mayGoOn, long bytesLeft, int round) {
        if (distinct) return ReadLimit.rows(1); // one live row or the static row says the partition exists
        long rows = Math.max(1, wanted) + (mayGoOn ? 1L : 0L);
        long left = Math.max(1, bytesLeft);
        if (!filters.isEmpty()) {
            int doublings = Math.min(round, 31);
            rows <<= doublings;
            left = left > Long.MAX_VALUE >> doublings ? Long.MAX_VALUE : left << doublings;
        }
        return new ReadLimit((int) Math.min(Integer.MAX_VALUE, rows), left);
    }

    private boolean matches(ByteBuffer[] keyComponents, Row staticRow, Row row) {
        for (RowFilter f : filters) {
            if (!f.test(keyComponents, staticRow, row)) return false;
        }
        return true;
    }
}
