package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions of a lightweight transaction on one partition, row by row (the static row apart), as a
 * conditional statement or batch adds them, with Cassandra's rules against mixing IF EXISTS, IF NOT EXISTS
 * and column conditions on one row. Built on the calling shard; read, judged and reported on the owning one.
 */
final class CasRequest {
    private final TableMetadata table;
    private final Map<Clustering, RowCheck> rows = new LinkedHashMap<>();
    private RowCheck staticCheck;
    private boolean hasExists;
    private boolean updatesStatic;
    private boolean updatesRegular;
    private final BitSet conditionColumns = new BitSet();

    /** What must hold of one row (null when it does not exist). */
    sealed interface RowCheck permits Exists, NotExists, Columns {
        boolean appliesTo(Row row);
    }

    record Exists() implements RowCheck {
        @Override
        public boolean appliesTo(Row row) { return row != null; }
    }

    record NotExists() implements RowCheck {
        @Override
        public boolean appliesTo(Row row) { return row == null; }
    }

    record Columns(List<ColumnCondition.Bound> conditions) implements RowCheck {
        @Override
        public boolean appliesTo(Row row) {
            for (ColumnCondition.Bound condition : conditions) {
                if (!condition.appliesTo(row)) return false;
            }
            return true;
        }
    }

    CasRequest(TableMetadata table) {
        this.table = table;
    }

    TableMetadata table() {
        return table;
    }

    void addExists(Clustering row) {
        addExistence(row, new Exists(), false);
    }

    void addNotExists(Clustering row) {
        addExistence(row, new NotExists(), true);
    }

    void addConditions(Clustering row, List<ColumnCondition.Bound> conditions) {
        RowCheck previous = check(row);
        if (previous != null && !(previous instanceof Columns)) {
            // Cassandra's message, whichever existence condition came first
            throw new InvalidRequestException("Cannot mix IF conditions and IF NOT EXISTS for the same row");
        }
        List<ColumnCondition.Bound> all = new ArrayList<>(conditions);
        if (previous instanceof Columns columns) all.addAll(0, columns.conditions());
        setCheck(row, new Columns(List.copyOf(all)));
        for (ColumnCondition.Bound condition : conditions) conditionColumns.set(condition.column().id());
    }

    /** Records what the statements write, which decides the columns an existence check reads and reports. */
    void noteUpdates(boolean statics, boolean regular) {
        updatesStatic |= statics;
        updatesRegular |= regular;
    }

    boolean hasExists() {
        return hasExists;
    }

    private void addExistence(Clustering row, RowCheck check, boolean notExists) {
        RowCheck previous = check(row);
        if (previous != null) {
            if (previous.getClass() == check.getClass()) return; // the same condition twice in a batch
            if (previous instanceof Columns) {
                throw new InvalidRequestException("Cannot mix IF conditions and IF " + (notExists ? "NOT " : "") + "EXISTS for the same row");
            }
            throw new InvalidRequestException("Cannot mix IF EXISTS and IF NOT EXISTS conditions for the same row");
        }
        setCheck(row, check);
        hasExists = true;
    }

    private RowCheck check(Clustering row) {
        return row.isStatic() ? staticCheck : rows.get(row);
    }

    private void setCheck(Clustering row, RowCheck check) {
        if (row.isStatic()) staticCheck = check;
        else rows.put(row, check);
    }

    // ---- on the owning shard ----

    /**
     * What to read: the rows with conditions (or, with conditions on the static row only, the partition's
     * first row, to tell an existing partition from an empty one), all their columns, and the static row.
     */
    ReadFilter readFilter(ClusteringComparator comparator) {
        if (rows.isEmpty()) return new ReadFilter(List.of(Slice.ALL), false, null, true);
        List<Clustering> sorted = new ArrayList<>(rows.keySet());
        sorted.sort(comparator);
        List<Slice> slices = new ArrayList<>(sorted.size());
        for (Clustering clustering : sorted) slices.add(Slice.exactly(clustering));
        return new ReadFilter(slices, false, null, true);
    }

    /**
     * The columns Cassandra reads for the transaction, which decide what a failure reports: with an existence
     * condition the static and/or regular columns, depending on what the statements write; plus the columns
     * of every condition.
     */
    BitSet readColumns() {
        BitSet columns = (BitSet) conditionColumns.clone();
        if (hasExists) {
            for (ColumnMetadata column : table.regularAndStatic()) {
                if (column.isStatic() ? updatesStatic : updatesRegular) columns.set(column.id());
            }
        }
        return columns;
    }

    /** The partition's current content, as the transaction sees it. */
    Current current(PartitionView view) {
        return new Current(view, !rows.isEmpty(), readColumns());
    }

    boolean appliesTo(Current current) {
        if (staticCheck != null && !staticCheck.appliesTo(current.staticRow())) return false;
        for (Map.Entry<Clustering, RowCheck> entry : rows.entrySet()) {
            if (!entry.getValue().appliesTo(current.row(entry.getKey()))) return false;
        }
        return true;
    }

    /**
     * The rows read, the newest timestamp among them, and which of them a failure reports: a row is reported
     * when it has a row marker or a value in a column read, the static row when it has a value in one.
     */
    static final class Current {
        private final Row staticRow;
        private final Map<Clustering, Row> byClustering = new HashMap<>();
        private final List<Row> reported = new ArrayList<>();
        private final boolean reportsStatic;
        private final BitSet readColumns;
        private long maxTimestamp = Long.MIN_VALUE;

        Current(PartitionView view, boolean namedRows, BitSet readColumns) {
            this.readColumns = readColumns;
            this.staticRow = view == null || view.staticRow() == null || view.staticRow().cellCount() == 0 ? null : view.staticRow();
            if (staticRow != null) noteTimestamps(staticRow);
            this.reportsStatic = staticRow != null && hasCellIn(staticRow, readColumns);
            if (view == null) return;
            Iterator<Row> iterator = view.rows();
            while (iterator.hasNext()) {
                Row row = iterator.next();
                boolean visible = !row.liveness().isEmpty() || hasCellIn(row, readColumns);
                if (namedRows) {
                    byClustering.put(row.clustering(), row);
                    noteTimestamps(row);
                    if (visible) reported.add(row);
                } else if (visible) {
                    // static conditions only: the partition's first row, as Cassandra's LIMIT 1 read returns it
                    noteTimestamps(row);
                    reported.add(row);
                    break;
                }
            }
        }

        Row staticRow() {
            return staticRow;
        }

        Row row(Clustering clustering) {
            return clustering.isStatic() ? staticRow : byClustering.get(clustering);
        }

        /** The rows a failure reports, in clustering order. */
        List<Row> reportedRows() {
            return reported;
        }

        /** True when no row is reported but the static row is (a partition with static values only). */
        boolean reportsStaticRowAlone() {
            return reported.isEmpty() && reportsStatic;
        }

        boolean reportsStatic() {
            return reportsStatic;
        }

        /** True if the transaction reads this column (a failure reports null for the others). */
        boolean reads(ColumnMetadata column) {
            return readColumns.get(column.id());
        }

        /** The newest write timestamp among the rows read; the transaction writes above it. */
        long maxTimestamp() {
            return maxTimestamp;
        }

        private void noteTimestamps(Row row) {
            if (!row.liveness().isEmpty()) maxTimestamp = Math.max(maxTimestamp, row.liveness().timestamp());
            for (int i = 0; i < row.cellCount(); i++) maxTimestamp = Math.max(maxTimestamp, row.cell(i).timestamp());
        }

        private static boolean hasCellIn(Row row, BitSet columns) {
            for (int i = 0; i < row.cellCount(); i++) {
                Cell cell = row.cell(i);
                if (columns.get(cell.column())) return true;
            }
            return false;
        }
    }
}
