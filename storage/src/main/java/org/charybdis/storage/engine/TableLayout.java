package org.charybdis.storage.engine;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.ColumnOrder;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What an engine needs to know about a table: identity (names only for errors and metrics), the key shape,
 * the clustering order, the non-key columns, and the table options that affect storage. Immutable; an
 * ALTER TABLE produces a new layout passed to {@link TableEngine#updateLayout}.
 */
public final class TableLayout implements ColumnOrder {
    private final UUID tableId;
    private final String keyspace;
    private final String table;
    private final int partitionKeyComponents;
    private final ClusteringComparator clusteringComparator;
    private final List<ColumnLayout> columns;
    private final int gcGraceSeconds;
    private final int defaultTimeToLive;
    private final StorageParams storageParams;
    private final int[] sortedIds;
    private final ColumnLayout[] byIdIndex;

    public TableLayout(UUID tableId, String keyspace, String table, int partitionKeyComponents,
                       ClusteringComparator clusteringComparator, List<ColumnLayout> columns,
                       int gcGraceSeconds, int defaultTimeToLive) {
        this(tableId, keyspace, table, partitionKeyComponents, clusteringComparator, columns, gcGraceSeconds, defaultTimeToLive,
                StorageParams.DEFAULT);
    }

    public TableLayout(UUID tableId, String keyspace, String table, int partitionKeyComponents,
                       ClusteringComparator clusteringComparator, List<ColumnLayout> columns,
                       int gcGraceSeconds, int defaultTimeToLive, StorageParams storageParams) {
        if (partitionKeyComponents < 1) throw new IllegalArgumentException("a table needs a partition key");
        this.tableId = tableId;
        this.keyspace = keyspace;
        this.table = table;
        this.partitionKeyComponents = partitionKeyComponents;
        this.clusteringComparator = clusteringComparator;
        this.columns = List.copyOf(columns);
        this.gcGraceSeconds = gcGraceSeconds;
        this.defaultTimeToLive = defaultTimeToLive;
        this.storageParams = storageParams;
        ColumnLayout[] sorted = this.columns.toArray(new ColumnLayout[0]);
        Arrays.sort(sorted, Comparator.comparingInt(ColumnLayout::id));
        sortedIds = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i].id() == sorted[i - 1].id()) throw new IllegalArgumentException("duplicate column id " + sorted[i].id());
            sortedIds[i] = sorted[i].id();
        }
        byIdIndex = sorted;
    }

    public UUID tableId() { return tableId; }

    public String keyspace() { return keyspace; }

    public String table() { return table; }

    public int partitionKeyComponents() { return partitionKeyComponents; }

    public ClusteringComparator clusteringComparator() { return clusteringComparator; }

    public List<ColumnLayout> columns() { return columns; }

    public int gcGraceSeconds() { return gcGraceSeconds; }

    /** Applied by the writer (the server) to writes without an explicit TTL; engines only carry it. */
    public int defaultTimeToLive() { return defaultTimeToLive; }

    /** Compaction, compression and bloom filter options. */
    public StorageParams storageParams() { return storageParams; }

    /** The same table with other options (ALTER TABLE ... WITH). */
    public TableLayout withStorageParams(StorageParams params) {
        return new TableLayout(tableId, keyspace, table, partitionKeyComponents, clusteringComparator, columns, gcGraceSeconds,
                defaultTimeToLive, params);
    }

    /** The column with this id, or null if the table has no such column (never had, or dropped). */
    public ColumnLayout column(int id) {
        int at = Arrays.binarySearch(sortedIds, id);
        return at < 0 ? null : byIdIndex[at];
    }

    public boolean hasColumn(int id) {
        return Arrays.binarySearch(sortedIds, id) >= 0;
    }

    @Override
    public Comparator<ByteBuffer> cellPathComparator(int column) {
        ColumnLayout c = column(column);
        return c == null ? null : c.cellPathComparator();
    }

    /** Rejects a layout that cannot replace this one through ALTER TABLE: another table, or other clustering columns. */
    public void checkAlteredTo(TableLayout next) {
        if (!next.tableId().equals(tableId)) throw new IllegalArgumentException("layout of " + next + " given to the engine of " + this);
        if (next.clusteringComparator().size() != clusteringComparator.size())
            throw new IllegalArgumentException("the clustering columns of " + qualifiedName() + " cannot change");
    }

    /**
     * Rejects an update that does not fit the table's shape: rows with the wrong number of clustering
     * components, cells with a path on a simple column or without one on a multi-cell column.
     */
    public void checkUpdate(PartitionUpdate update) {
        int clusteringSize = clusteringComparator.size();
        for (RowUpdate row : update.rows()) {
            if (row.clustering().size() != clusteringSize)
                throw new IllegalArgumentException("row of " + qualifiedName() + " needs " + clusteringSize
                        + " clustering components, got " + row.clustering().size());
            for (Cell cell : row.cells()) checkCellShape(cell);
        }
        if (update.staticRow() != null) for (Cell cell : update.staticRow().cells()) checkCellShape(cell);
    }

    private void checkCellShape(Cell cell) {
        ColumnLayout column = column(cell.column());
        boolean hasPath = cell.path() != null;
        if (column != null && column.multiCell() != hasPath)
            throw new IllegalArgumentException("column " + cell.column() + " of " + qualifiedName()
                    + (column.multiCell() ? " is multi-cell: its cells need a path" : " is simple: its cells take no path"));
    }

    /** "keyspace.table", for messages. */
    public String qualifiedName() { return keyspace + "." + table; }

    @Override
    public String toString() { return "TableLayout(" + qualifiedName() + " " + tableId + ")"; }
}
