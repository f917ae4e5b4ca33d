package org.charybdis.server.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An immutable table definition. Columns are kept in Cassandra's order: partition key components,
 * clustering components, static columns by name, then regular columns by name.
 */
public final class TableMetadata {
    private final String keyspace;
    private final String name;
    private final UUID id;
    private final List<ColumnMetadata> partitionKey;
    private final List<ColumnMetadata> clustering;
    private final List<ColumnMetadata> regularAndStatic;
    private final Map<String, ColumnMetadata> byName;
    private final TableParams params;
    private final int nextColumnId;
    private final Map<String, DroppedColumn> droppedColumns;
    private final Map<String, IndexMetadata> indexes;
    private final ViewDefinition view;
    private final CompactStorage compactStorage;
    private final Map<String, TriggerMetadata> triggers;

    /** A dropped column: its data written before {@code droppedAtMicros} stays hidden. */
    public record DroppedColumn(String name, String type, String kind, long droppedAtMicros) {}

    public TableMetadata(String keyspace, String name, UUID id, List<ColumnMetadata> columns, TableParams params,
                         int nextColumnId, Map<String, DroppedColumn> droppedColumns) {
        this(keyspace, name, id, columns, params, nextColumnId, droppedColumns, Map.of());
    }

    /** {@code indexes}: the table's secondary indexes by name. */
    public TableMetadata(String keyspace, String name, UUID id, List<ColumnMetadata> columns, TableParams params,
                         int nextColumnId, Map<String, DroppedColumn> droppedColumns, Map<String, IndexMetadata> indexes) {
        this(keyspace, name, id, columns, params, nextColumnId, droppedColumns, indexes, CompactStorage.NONE);
    }

    /** {@code compactStorage}: the table's COMPACT STORAGE form, whose hidden columns are among {@code columns}. */
    public TableMetadata(String keyspace, String name, UUID id, List<ColumnMetadata> columns, TableParams params,
                         int nextColumnId, Map<String, DroppedColumn> droppedColumns, Map<String, IndexMetadata> indexes,
                         CompactStorage compactStorage) {
        this(keyspace, name, id, columns, params, nextColumnId, droppedColumns, indexes, compactStorage, null);
    }

    /** {@code view}: what makes this table a materialized view of another, null for a table. */
    public TableMetadata(String keyspace, String name, UUID id, List<ColumnMetadata> columns, TableParams params,
                         int nextColumnId, Map<String, DroppedColumn> droppedColumns, Map<String, IndexMetadata> indexes,
                         ViewDefinition view) {
        this(keyspace, name, id, columns, params, nextColumnId, droppedColumns, indexes, CompactStorage.NONE, view);
    }

    /** Every part of a table definition but its triggers. */
    public TableMetadata(String keyspace, String name, UUID id, List<ColumnMetadata> columns, TableParams params,
                         int nextColumnId, Map<String, DroppedColumn> droppedColumns, Map<String, IndexMetadata> indexes,
                         CompactStorage compactStorage, ViewDefinition view) {
        this(keyspace, name, id, columns, params, nextColumnId, droppedColumns, indexes, compactStorage, view, Map.of());
    }

    /** Every part of a table definition: the schema file's reader restores any of them. {@code triggers} by name. */
    public TableMetadata(String keyspace, String name, UUID id, List<ColumnMetadata> columns, TableParams params,
                         int nextColumnId, Map<String, DroppedColumn> droppedColumns, Map<String, IndexMetadata> indexes,
                         CompactStorage compactStorage, ViewDefinition view, Map<String, TriggerMetadata> triggers) {
        this.view = view;
        this.triggers = Collections.unmodifiableMap(new java.util.TreeMap<>(triggers));
        this.compactStorage = compactStorage;
        this.indexes = Collections.unmodifiableMap(new java.util.TreeMap<>(indexes));
        this.keyspace = keyspace;
        this.name = name;
        this.id = id;
        this.params = params;
        this.nextColumnId = nextColumnId;
        this.droppedColumns = Collections.unmodifiableMap(new LinkedHashMap<>(droppedColumns));
        List<ColumnMetadata> pk = new ArrayList<>(), ck = new ArrayList<>(), rest = new ArrayList<>();
        for (ColumnMetadata c : columns) {
            switch (c.kind()) {
                case PARTITION_KEY -> pk.add(c);
                case CLUSTERING -> ck.add(c);
                default -> rest.add(c);
            }
        }
        pk.sort((a, b) -> Integer.compare(a.position(), b.position()));
        ck.sort((a, b) -> Integer.compare(a.position(), b.position()));
        // Cassandra's order for SELECT *: static columns, then regular ones, each by name
        rest.sort(Comparator.comparing((ColumnMetadata c) -> !c.isStatic()).thenComparing(ColumnMetadata::name));
        this.partitionKey = List.copyOf(pk);
        this.clustering = List.copyOf(ck);
        this.regularAndStatic = List.copyOf(rest);
        Map<String, ColumnMetadata> index = new LinkedHashMap<>();
        for (ColumnMetadata c : allColumns()) index.put(c.name(), c);
        this.byName = Collections.unmodifiableMap(index);
    }

    public String keyspace() { return keyspace; }

    public String name() { return name; }

    public UUID id() { return id; }

    public TableParams params() { return params; }

    public List<ColumnMetadata> partitionKey() { return partitionKey; }

    public List<ColumnMetadata> clustering() { return clustering; }

    /** Static columns by name, then regular columns by name. */
    public List<ColumnMetadata> regularAndStatic() { return regularAndStatic; }

    public boolean hasStaticColumns() {
        for (ColumnMetadata c : regularAndStatic) if (c.isStatic()) return true;
        return false;
    }

    /** Every column in Cassandra's order: partition key, clustering, then the others by name. */
    public List<ColumnMetadata> allColumns() {
        List<ColumnMetadata> all = new ArrayList<>(partitionKey.size() + clustering.size() + regularAndStatic.size());
        all.addAll(partitionKey);
        all.addAll(clustering);
        all.addAll(regularAndStatic);
        return all;
    }

    /** The column of that name, hidden ones included (statements resolve names with {@code Columns.resolve}). */
    public ColumnMetadata column(String columnName) {
        return byName.get(columnName);
    }

    public CompactStorage compactStorage() { return compactStorage; }

    /** Whether CQL statements cannot see the column: one of the hidden columns of a COMPACT STORAGE table. */
    public boolean isHidden(ColumnMetadata column) {
        return compactStorage.hides(column);
    }

    /** Every column a statement sees, in {@link #allColumns()} order: what {@code SELECT *} returns. */
    public List<ColumnMetadata> visibleColumns() {
        List<ColumnMetadata> visible = new ArrayList<>();
        for (ColumnMetadata c : allColumns()) if (!isHidden(c)) visible.add(c);
        return visible;
    }

    /** The same table in another COMPACT STORAGE form (DROP COMPACT STORAGE: {@link CompactStorage#NONE}). */
    public TableMetadata withCompactStorage(CompactStorage form) {
        return new TableMetadata(keyspace, name, id, allColumns(), params, nextColumnId, droppedColumns, indexes, form, view, triggers);
    }

    public int nextColumnId() { return nextColumnId; }

    public Map<String, DroppedColumn> droppedColumns() { return droppedColumns; }

    /** A counter table: one with a counter column, or that had one (the flag stays after the column is dropped). */
    public boolean isCounterTable() {
        for (ColumnMetadata c : regularAndStatic) if (c.type().isCounter()) return true;
        for (DroppedColumn dropped : droppedColumns.values()) {
            if (dropped.type().equals(org.charybdis.cql.types.NativeType.COUNTER.cqlName())) return true;
        }
        return false;
    }

    /** The table's secondary indexes by name. */
    public Map<String, IndexMetadata> indexes() { return indexes; }

    /** True for a materialized view: its rows are written only by the writes of its base table. */
    public boolean isView() { return view != null; }

    /** The view's definition, null for a table. */
    public ViewDefinition view() { return view; }

    public TableMetadata withParams(TableParams newParams) {
        return new TableMetadata(keyspace, name, id, allColumns(), newParams, nextColumnId, droppedColumns, indexes, compactStorage, view, triggers);
    }

    public TableMetadata withColumns(List<ColumnMetadata> columns, int newNextColumnId, Map<String, DroppedColumn> dropped) {
        return new TableMetadata(keyspace, name, id, columns, params, newNextColumnId, dropped, indexes, compactStorage, view, triggers);
    }

    public TableMetadata withIndex(IndexMetadata index) {
        Map<String, IndexMetadata> copy = new LinkedHashMap<>(indexes);
        copy.put(index.name(), index);
        return new TableMetadata(keyspace, name, id, allColumns(), params, nextColumnId, droppedColumns, copy, compactStorage, view, triggers);
    }

    public TableMetadata withoutIndex(String indexName) {
        Map<String, IndexMetadata> copy = new LinkedHashMap<>(indexes);
        copy.remove(indexName);
        return new TableMetadata(keyspace, name, id, allColumns(), params, nextColumnId, droppedColumns, copy, compactStorage, view, triggers);
    }

    /** The table's triggers by name. */
    public Map<String, TriggerMetadata> triggers() { return triggers; }

    public TableMetadata withTrigger(TriggerMetadata trigger) {
        Map<String, TriggerMetadata> copy = new LinkedHashMap<>(triggers);
        copy.put(trigger.name(), trigger);
        return withTriggers(copy);
    }

    public TableMetadata withoutTrigger(String triggerName) {
        Map<String, TriggerMetadata> copy = new LinkedHashMap<>(triggers);
        copy.remove(triggerName);
        return withTriggers(copy);
    }

    private TableMetadata withTriggers(Map<String, TriggerMetadata> newTriggers) {
        return new TableMetadata(keyspace, name, id, allColumns(), params, nextColumnId, droppedColumns, indexes, compactStorage, view, newTriggers);
    }

    @Override
    public String toString() {
        return keyspace + "." + name;
    }
}
