package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.server.index.AttachedIndexTerms;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.messages.SchemaChangeResult;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.syntax.CreateIndexStatement;
import org.charybdis.cql.syntax.CreateIndexStatement.TargetKind;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.index.vector.VectorIndexes;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.CompactStorage;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CREATE [CUSTOM] INDEX [IF NOT EXISTS] [name] ON t (target) [USING 'class'] [WITH OPTIONS = {...}], with
 * Cassandra 5.0's checks and messages. Legacy indexes and SAI ({@code USING 'sai'}) are both accepted; the
 * event is UPDATED TABLE, as Cassandra sends it. The index's entries are built in the background.
 */
final class CreateIndex extends SchemaChangeStatement {
    /** USING 'legacy_local_table' names Cassandra's default (legacy) implementation explicitly. */
    private static final String LEGACY_CLASS = "legacy_local_table";

    private final CreateIndexStatement statement;
    private final String keyspace;

    CreateIndex(CreateIndexStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
    }

    /** How long CREATE INDEX waits for the initial build before answering (the build then goes on in the background). */
    private static final long BUILD_WAIT_SECONDS = 5;

    /** Answers once the index is built on every shard, or after {@link #BUILD_WAIT_SECONDS}, so it usually answers queries at once. */
    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        return super.execute(context).thenCompose(result -> {
            UUID id = createdIndexId(context.server().schema().current());
            if (!(result instanceof SchemaChangeResult) || id == null) return CompletableFuture.completedFuture(result);
            return context.server().proxy().awaitIndexBuilt(id, BUILD_WAIT_SECONDS).thenApply(ignored -> result);
        });
    }

    /** The id of the index this statement created: the table's index on the same column and target. */
    private UUID createdIndexId(Schema schema) {
        TableMetadata table = schema.table(keyspace, statement.table().name());
        if (table == null || statement.targets().size() != 1) return null;
        CreateIndexStatement.Target target = statement.targets().getFirst();
        for (IndexMetadata index : table.indexes().values()) {
            if (index.column().equals(target.column().name()) && (statement.indexName() == null || index.name().equals(statement.indexName()))) {
                return index.id();
            }
        }
        return null;
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureTable(Permission.ALTER, keyspace, statement.table().name());
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        if (ks == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
        TableMetadata table = ks.table(statement.table().name());
        if (table == null) throw new InvalidRequestException("Table '" + statement.table().name() + "' doesn't exist");
        if (table.isView()) throw new InvalidRequestException("Secondary indexes on materialized views aren't supported");
        if (table.isCounterTable()) throw new InvalidRequestException("Secondary indexes on counter tables aren't supported");
        String className = className();
        Map<String, String> options = options(className);
        if (statement.targets().size() > 1) {
            if (className != null && IndexMetadata.isSaiClass(className)) {
                List<String> names = new ArrayList<>();
                for (CreateIndexStatement.Target t : statement.targets()) names.add(t.column().name());
                throw new InvalidRequestException("A storage-attached index cannot be created over multiple columns: " + String.join(", ", names));
            }
            throw new InvalidRequestException("Only CUSTOM indexes support multiple columns");
        }
        CreateIndexStatement.Target target = statement.targets().getFirst();
        ColumnMetadata column = table.column(target.column().name());
        if (column == null || table.isHidden(column)) {
            throw new InvalidRequestException("Undefined column name " + target.column().name() + " in table " + table);
        }
        checkCompactStorage(table, column);
        IndexMetadata.Target kind = checkedTarget(table, column, target.kind());
        if (className != null && IndexMetadata.isSaiClass(className)) {
            StorageEngineOption.checkAttachedIndexAllowed(table);
            AttachedIndexTerms.checkOptions(options, column, kind);
            VectorIndexes.checkSaiIndex(statement.indexName(), column.type(), options);
        }

        String name = statement.indexName();
        if (name == null) name = generatedName(ks, table.name(), column.name());
        if (ks.tableOfIndex(name) != null) {
            if (statement.ifNotExists()) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Index '" + name + "' already exists");
        }
        for (IndexMetadata existing : table.indexes().values()) {
            if (existing.column().equals(column.name()) && existing.target() == kind) {
                if (statement.ifNotExists()) return SchemaUpdate.unchanged(current);
                throw new InvalidRequestException("Index " + name + " is a duplicate of existing index " + existing.name());
            }
        }
        // Cassandra names a duplicate before an illegal name
        if (!name.matches("\\w+")) throw new ConfigurationException("Illegal index name " + name);
        IndexMetadata index = new IndexMetadata(name, UUID.randomUUID(), column.name(), kind, className, options);
        return new SchemaUpdate(current.with(ks.withTable(table.withIndex(index))),
                SchemaChange.table(SchemaChange.Change.UPDATED, keyspace, table.name()));
    }

    /** A COMPACT STORAGE table indexes only the columns of a static compact table. */
    private static void checkCompactStorage(TableMetadata table, ColumnMetadata column) {
        if (!table.compactStorage().isCompact()) return;
        if (column.isPrimaryKey()) {
            throw new InvalidRequestException("Secondary indexes are not supported on PRIMARY KEY columns in COMPACT STORAGE tables");
        }
        if (table.compactStorage() == CompactStorage.DENSE) {
            throw new InvalidRequestException("Secondary indexes are not supported on compact value column of COMPACT STORAGE tables");
        }
    }

    /** The implementation class, null for a legacy index; unknown classes are refused as Cassandra refuses them. */
    private String className() {
        String using = statement.className();
        if (using == null && statement.custom()) using = LEGACY_CLASS; // CUSTOM needs USING: Cassandra then looks for its default
        if (using == null) return null;
        if (IndexMetadata.isSaiClass(using)) return using;
        if (using.equals(LEGACY_CLASS) && !statement.custom()) return null;
        throw new ConfigurationException("Unable to find custom indexer class '" + using + "'");
    }

    private Map<String, String> options(String className) {
        Term options = statement.properties().get("options");
        if (options == null) return Map.of();
        if (className == null) throw new InvalidRequestException("Cannot specify options for a non-CUSTOM index");
        return PropertyValues.map("options", options);
    }

    /** What the target indexes, checked against the column's type with Cassandra's messages. */
    private static IndexMetadata.Target checkedTarget(TableMetadata table, ColumnMetadata column, TargetKind kind) {
        CqlType type = column.type();
        String name = column.name();
        if (type instanceof UserType && type.isMultiCell()) throw new InvalidRequestException("Cannot create index on non-frozen UDT column " + name);
        if (column.kind() == ColumnMetadata.Kind.PARTITION_KEY && table.partitionKey().size() == 1 && kind == TargetKind.SIMPLE) {
            throw new InvalidRequestException("Cannot create secondary index on the only partition key column " + name);
        }
        boolean collection = type instanceof CollectionType;
        if (kind == TargetKind.FULL) {
            if (!collection || type.isMultiCell()) throw new InvalidRequestException("full() indexes can only be created on frozen collections");
            return IndexMetadata.Target.FULL;
        }
        if (kind != TargetKind.SIMPLE && !collection) {
            throw new InvalidRequestException("Cannot create " + functionName(kind) + "() index on " + name
                    + ". Non-collection columns only support simple indexes");
        }
        if (!collection) return IndexMetadata.Target.SIMPLE;
        if (!type.isMultiCell()) {
            throw new InvalidRequestException("Cannot create " + (kind == TargetKind.SIMPLE ? "values" : functionName(kind)) + "() index on frozen column "
                    + name + ". Frozen collections are immutable and must be fully indexed by using the 'full(" + name + ")' modifier");
        }
        return switch (kind) {
            case KEYS, ENTRIES -> {
                if (!(type instanceof MapType)) {
                    throw new InvalidRequestException("Cannot create index on " + (kind == TargetKind.KEYS ? "keys" : "entries") + " of column "
                            + name + " with non-map type");
                }
                yield kind == TargetKind.KEYS ? IndexMetadata.Target.KEYS : IndexMetadata.Target.ENTRIES;
            }
            default -> IndexMetadata.Target.VALUES;
        };
    }

    private static String functionName(TargetKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Cassandra's default name, {@code <table>_<column>_idx} without non-word characters, made unique with _1, _2, ... */
    private static String generatedName(KeyspaceMetadata ks, String table, String column) {
        String base = (table + "_" + column + "_idx").replaceAll("\\W", "");
        String name = base;
        for (int i = 1; ks.tableOfIndex(name) != null; i++) name = base + "_" + i;
        return name;
    }
}
