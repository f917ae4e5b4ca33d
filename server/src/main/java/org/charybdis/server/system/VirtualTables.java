package org.charybdis.server.system;

import org.charybdis.server.cql.ServerContext;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.engine.TableEngine;

/**
 * Stand-in for the system tables helper's class of the same name (same signatures); replaced by the
 * real one when its branch is merged.
 */
public final class VirtualTables {
    private VirtualTables() {}

    public static boolean isVirtual(TableMetadata table) {
        return false;
    }

    public static TableEngine snapshot(TableMetadata table, ServerContext context) {
        throw new IllegalStateException("no virtual table " + table);
    }
}
