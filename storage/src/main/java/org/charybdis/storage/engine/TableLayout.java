package org.charybdis.storage.engine;

import org.charybdis.storage.data.ClusteringComparator;
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
    private final int[] sortedIds;
    private final ColumnLayout[] byIdIndex;

    public TableLayout(UUID tableId, String keyspace, String table, int partitionKeyComponents,
                       ClusteringComparator clusteringComparator, List<ColumnLayout> columns,
                       int gcGraceSeconds, int defaultTimeToLive) {
        if (partitionKeyComponents < 1) throw new IllegalArgumentException("a table needs a partition key");
        this.tableId = tableId;
        this.keyspace = keyspace;
        this.table = table;
        this.partitionKeyComponents = partitionKeyComponents;
        this.clusteringComparator = clusteringComparator;
        this.columns = List.copyOf(columns);
        this.gcGraceSeconds = gcGraceSeconds;
        this.defaultTimeToLive = defaultTimeToLive;
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

    /** "keyspace.table", for messages. */
    public String qualifiedName() { return keyspace + "." + table; }

    @Override
    public String toString() { return "TableLayout(" + qualifiedName() + " " + tableId + ")"; }
}
