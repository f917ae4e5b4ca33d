package org.charybdis.storage.data;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one statement writes to one row: an optional row marker, an optional row deletion, cells (values
 * and cell tombstones, unordered, duplicates allowed) and whole-collection deletions. Built through
 * {@link PartitionUpdate.Builder#row}; engines merge it into the stored row with {@link RowMerger}.
 */
public final class RowUpdate {
    private final Clustering clustering;
    private LivenessInfo liveness = LivenessInfo.EMPTY;
    private DeletionTime deletion = DeletionTime.LIVE;
    private final List<Cell> cells = new ArrayList<>(4);
    private final List<ComplexDeletion> complexDeletions = new ArrayList<>(0);

    RowUpdate(Clustering clustering) {
        this.clustering = clustering;
    }

    public Clustering clustering() { return clustering; }

    public LivenessInfo liveness() { return liveness; }

    public DeletionTime deletion() { return deletion; }

    public List<Cell> cells() { return Collections.unmodifiableList(cells); }

    public List<ComplexDeletion> complexDeletions() { return Collections.unmodifiableList(complexDeletions); }

    /** The row marker an INSERT writes. */
    public RowUpdate marker(long timestamp, int ttl, long nowInSeconds) {
        liveness = Reconciliation.winner(liveness, LivenessInfo.of(timestamp, ttl, nowInSeconds));
        return this;
    }

    /** Sets a simple column; ttl 0 means no expiry. */
    public RowUpdate cell(int column, ByteBuffer value, long timestamp, int ttl, long nowInSeconds) {
        return add(Cell.expiring(column, null, value, timestamp, ttl, nowInSeconds));
    }

    /** Sets one element of a multi-cell column (collection element, map entry, UDT field). */
    public RowUpdate cell(int column, ByteBuffer path, ByteBuffer value, long timestamp, int ttl, long nowInSeconds) {
        if (path == null) throw new NullPointerException("path");
        return add(Cell.expiring(column, path, value, timestamp, ttl, nowInSeconds));
    }

    /** Deletes a simple column's value ({@code SET c = null}, {@code DELETE c}). */
    public RowUpdate deleteCell(int column, long timestamp, long nowInSeconds) {
        return add(Cell.tombstone(column, null, timestamp, nowInSeconds));
    }

    /** Deletes one element of a multi-cell column ({@code DELETE m['k']}, {@code s = s - {x}}). */
    public RowUpdate deleteCell(int column, ByteBuffer path, long timestamp, long nowInSeconds) {
        if (path == null) throw new NullPointerException("path");
        return add(Cell.tombstone(column, path, timestamp, nowInSeconds));
    }

    /** Deletes a whole multi-cell column; an overwrite ({@code SET m = {...}}) writes this at timestamp - 1. */
    public RowUpdate deleteComplex(int column, long timestamp, long nowInSeconds) {
        complexDeletions.add(new ComplexDeletion(column, new DeletionTime(timestamp, nowInSeconds)));
        return this;
    }

    /** Deletes the whole row. */
    public RowUpdate delete(long timestamp, long nowInSeconds) {
        deletion = DeletionTime.max(deletion, new DeletionTime(timestamp, nowInSeconds));
        return this;
    }

    /** Adds an already built cell (replay, streaming, tests). */
    public RowUpdate add(Cell cell) {
        cells.add(cell);
        return this;
    }

    /** Applies a prebuilt marker (replay, tests). */
    public RowUpdate liveness(LivenessInfo info) {
        liveness = Reconciliation.winner(liveness, info);
        return this;
    }

    /** See {@link PartitionUpdate#withUpdatedTimestamps(long)}. */
    RowUpdate withUpdatedTimestamps(long timestamp) {
        RowUpdate out = new RowUpdate(clustering);
        if (!liveness.isEmpty() && !deletion.deletes(liveness)) {
            out.liveness = new LivenessInfo(timestamp, liveness.ttl(), liveness.localExpirationTime());
        }
        out.deletion = PartitionUpdate.restamped(deletion, timestamp);
        for (ComplexDeletion complex : complexDeletions) {
            out.complexDeletions.add(new ComplexDeletion(complex.column(), PartitionUpdate.restamped(complex.deletion(), timestamp)));
        }
        for (Cell cell : cells) {
            if (deletion.deletes(cell) || (cell.path() != null && deletedWithCollection(cell))) continue;
            out.cells.add(new Cell(cell.column(), cell.path(), cell.value(), timestamp, cell.ttl(), cell.localDeletionTime()));
        }
        return out;
    }

    private boolean deletedWithCollection(Cell cell) {
        for (ComplexDeletion complex : complexDeletions) {
            if (complex.column() == cell.column() && complex.deletion().deletes(cell)) return true;
        }
        return false;
    }

    public boolean isEmpty() {
        return liveness.isEmpty() && deletion.isLive() && cells.isEmpty() && complexDeletions.isEmpty();
    }
}
