package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.Term;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableParams;
import org.charybdis.storage.engine.StorageParams.Engine;

/**
 * The CQL rules of {@code WITH storage_engine = '...'}, our own table option: which values name an engine, that a
 * table keeps its engine for life (its files are in that engine's format), and what the RocksDB engine cannot serve.
 */
final class StorageEngineOption {
    private StorageEngineOption() {}

    /** The engine's canonical (lower-case) name, from any case. */
    static String read(Term value) {
        String given = PropertyValues.string(TableParams.STORAGE_ENGINE, value);
        Engine engine = Engine.fromOption(given);
        if (engine == null) {
            throw new ConfigurationException("Unknown " + TableParams.STORAGE_ENGINE + " '" + given + "': choose '"
                    + Engine.CHARYBDIS.optionValue() + "' (the default) or '" + Engine.ROCKSDB.optionValue() + "'");
        }
        return engine.optionValue();
    }

    /** ALTER may restate the engine but not change it: the rows would have to move to the other engine's files. */
    static void checkUnchanged(TableMetadata table, TableParams altered) {
        Engine before = table.params().storageEngine();
        Engine after = altered.storageEngine();
        if (before == after) return;
        throw new ConfigurationException("Cannot change the storage engine of " + table.keyspace() + "." + table.name()
                + " from '" + before.optionValue() + "' to '" + after.optionValue() + "' in place: create a new table WITH "
                + TableParams.STORAGE_ENGINE + " = '" + after.optionValue() + "' and copy the rows into it");
    }

    /** Storage-attached indexes (SAI, vector) live in SSTable components, which only the default engine writes. */
    static void checkAttachedIndexAllowed(TableMetadata table) {
        if (table.params().storageEngine() == Engine.CHARYBDIS) return;
        throw new InvalidRequestException("Storage-attached indexes are not supported on tables with " + TableParams.STORAGE_ENGINE
                + " = '" + table.params().storageEngine().optionValue() + "'; use a secondary index (CREATE INDEX without USING)"
                + " or a table with the default engine");
    }
}
