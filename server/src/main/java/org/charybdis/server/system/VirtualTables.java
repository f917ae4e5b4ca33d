package org.charybdis.server.system;

import org.charybdis.server.service.ServerClock;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.ServerContext;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableLayouts;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.replica.TableSizes;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.memory.MemoryTableEngine;

/**
 * The tables of {@code system} and {@code system_schema}: nothing is stored, their rows are generated
 * from the current schema and the node's facts each time they are read. A snapshot is a fresh
 * in-memory engine holding every row, which SELECT reads like any table.
 */
public final class VirtualTables {
    private VirtualTables() {}

    public static boolean isVirtual(TableMetadata table) {
        if (SystemKeyspaces.isStored(table)) return false;
        return table.keyspace().equals(SystemKeyspaces.SYSTEM) || table.keyspace().equals(SystemKeyspaces.SYSTEM_SCHEMA)
                || table.keyspace().equals(SystemKeyspaces.SYSTEM_VIRTUAL_SCHEMA) || LocalTables.isViewBuildStatus(table);
    }

    /** A fresh engine filled with the table's current rows (all partitions). */
    public static TableEngine snapshot(TableMetadata table, ServerContext context) {
        return snapshot(table, context.schema().current(), context.config(), context.database().sizes(), context.database().views()::isBuilt);
    }

    static TableEngine snapshot(TableMetadata table, Schema schema, ServerConfig config) {
        return snapshot(table, schema, config, null);
    }

    /** @param sizes published table sizes for system.size_estimates, or null to report zeros */
    static TableEngine snapshot(TableMetadata table, Schema schema, ServerConfig config, TableSizes sizes) {
        return snapshot(table, schema, config, sizes, view -> true);
    }

    /** @param viewBuilt whether a materialized view's build has finished, for system.built_views */
    static TableEngine snapshot(TableMetadata table, Schema schema, ServerConfig config, TableSizes sizes, java.util.function.Predicate<java.util.UUID> viewBuilt) {
        MemoryTableEngine engine = new MemoryTableEngine(TableLayouts.of(table));
        VirtualRows rows = new VirtualRows(table, engine, ServerClock.nowInSeconds());
        if (table.keyspace().equals(SystemKeyspaces.SYSTEM_SCHEMA)) {
            SchemaTables.fill(table.name(), schema, rows);
        } else if (table.keyspace().equals(SystemKeyspaces.SYSTEM_VIRTUAL_SCHEMA)) {
            SchemaTables.fillVirtual(table.name(), schema, rows);
        } else if (table.keyspace().equals(SystemKeyspaces.SYSTEM) || LocalTables.isViewBuildStatus(table)) {
            LocalTables.fill(table.name(), schema, config, sizes, viewBuilt, rows);
        }
        return engine;
    }
}
