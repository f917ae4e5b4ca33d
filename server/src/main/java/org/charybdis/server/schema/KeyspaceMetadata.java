package org.charybdis.server.schema;

import org.charybdis.cql.types.CqlType;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** An immutable keyspace definition with its tables, user-defined types, functions and aggregates. */
public record KeyspaceMetadata(String name, Map<String, String> replication, boolean durableWrites,
                               Map<String, TableMetadata> tables, Map<String, CqlType> types, UserFunctions functions) {

    public KeyspaceMetadata {
        replication = Collections.unmodifiableMap(new TreeMap<>(replication));
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        types = Collections.unmodifiableMap(new TreeMap<>(types));
        if (functions == null) functions = UserFunctions.NONE;
    }

    public KeyspaceMetadata(String name, Map<String, String> replication, boolean durableWrites,
                            Map<String, TableMetadata> tables, Map<String, CqlType> types) {
        this(name, replication, durableWrites, tables, types, UserFunctions.NONE);
    }

    public static KeyspaceMetadata create(String name, Map<String, String> replication, boolean durableWrites) {
        return new KeyspaceMetadata(name, replication, durableWrites, Map.of(), Map.of());
    }

    public TableMetadata table(String tableName) {
        return tables.get(tableName);
    }

    /** The table holding the named index, or null when no table of the keyspace has it. */
    public TableMetadata tableOfIndex(String indexName) {
        for (TableMetadata table : tables.values()) if (table.indexes().containsKey(indexName)) return table;
        return null;
    }

    /** The materialized views of the base table, by name. */
    public java.util.List<TableMetadata> viewsOf(java.util.UUID baseTableId) {
        java.util.List<TableMetadata> views = new java.util.ArrayList<>();
        for (TableMetadata table : tables.values()) if (table.isView() && table.view().baseTableId().equals(baseTableId)) views.add(table);
        return views;
    }

    public KeyspaceMetadata withTable(TableMetadata table) {
        Map<String, TableMetadata> copy = new TreeMap<>(tables);
        copy.put(table.name(), table);
        return new KeyspaceMetadata(name, replication, durableWrites, copy, types, functions);
    }

    public KeyspaceMetadata withoutTable(String tableName) {
        Map<String, TableMetadata> copy = new TreeMap<>(tables);
        copy.remove(tableName);
        return new KeyspaceMetadata(name, replication, durableWrites, copy, types, functions);
    }

    public KeyspaceMetadata withType(String typeName, CqlType type) {
        Map<String, CqlType> copy = new TreeMap<>(types);
        if (type == null) copy.remove(typeName); else copy.put(typeName, type);
        return new KeyspaceMetadata(name, replication, durableWrites, tables, copy, functions);
    }

    public KeyspaceMetadata withParams(Map<String, String> newReplication, boolean newDurableWrites) {
        return new KeyspaceMetadata(name, newReplication, newDurableWrites, tables, types, functions);
    }

    public KeyspaceMetadata withFunctions(UserFunctions newFunctions) {
        return new KeyspaceMetadata(name, replication, durableWrites, tables, types, newFunctions);
    }
}
