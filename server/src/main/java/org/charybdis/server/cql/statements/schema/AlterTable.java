package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.AlterTableStatement;
import org.charybdis.cql.syntax.AlterTableStatement.AddColumns;
import org.charybdis.cql.syntax.AlterTableStatement.DropColumns;
import org.charybdis.cql.syntax.AlterTableStatement.DropCompactStorage;
import org.charybdis.cql.syntax.AlterTableStatement.MaskColumn;
import org.charybdis.cql.syntax.AlterTableStatement.RenameColumns;
import org.charybdis.cql.syntax.AlterTableStatement.SetOptions;
import org.charybdis.cql.syntax.ColumnDefinition;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.messages.Result;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.terms.ColumnMasks;
import org.charybdis.server.schema.ColumnMask;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.CompactStorage;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableMetadata.DroppedColumn;
import org.charybdis.server.schema.TableParams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** ALTER TABLE [IF EXISTS] ... ADD / DROP / RENAME / WITH. */
final class AlterTable extends SchemaChangeStatement {
    private final AlterTableStatement statement;
    private final String keyspace;
    private final String table;

    AlterTable(AlterTableStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
        this.table = statement.table().name();
    }

    /**
     * DROP COMPACT STORAGE of an existing table is off unless the operator allows it, as in Cassandra; masks need
     * dynamic data masking enabled.
     */
    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        if (statement.action() instanceof DropCompactStorage && !context.server().config().get(ServerConfig.DROP_COMPACT_STORAGE_ENABLED)
                && context.server().schema().current().table(keyspace, table) != null) {
            throw new InvalidRequestException("DROP COMPACT STORAGE is disabled. Enable in cassandra.yaml to use.");
        }
        boolean masks = switch (statement.action()) {
            case MaskColumn mask -> mask.mask() != null;
            case AddColumns add -> add.columns().stream().anyMatch(c -> c.mask() != null);
            default -> false;
        };
        if (masks) ColumnMasks.ensureEnabled(context);
        return super.execute(context);
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureTable(Permission.ALTER, keyspace, table);
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        TableMetadata before = ks == null ? null : ks.table(table);
        if (before == null) {
            if (statement.ifExists()) return SchemaUpdate.unchanged(current);
            if (ks == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
            throw new InvalidRequestException("Table '" + keyspace + "." + table + "' doesn't exist");
        }
        if (before.isView()) {
            throw new InvalidRequestException("Cannot use ALTER TABLE on a materialized view; use ALTER MATERIALIZED VIEW instead");
        }
        List<TableMetadata> views = ks.viewsOf(before.id());
        TableMetadata after = switch (statement.action()) {
            case AddColumns add -> add(before, add, current);
            case DropColumns drop -> drop(before, drop, nowMicros, !views.isEmpty());
            case RenameColumns rename -> rename(before, rename);
            case SetOptions options -> withOptions(before, options);
            case DropCompactStorage ignored -> dropCompactStorage(before);
            case MaskColumn mask -> mask(before, mask);
            default -> throw new IllegalStateException("refused at compile time: " + statement.action());
        };
        if (after == before) return SchemaUpdate.unchanged(current);
        KeyspaceMetadata next = ks.withTable(after);
        Map<String, String> renames = new java.util.HashMap<>();
        if (statement.action() instanceof RenameColumns rename) rename.renames().forEach((from, to) -> renames.put(from.name(), to.name()));
        for (TableMetadata view : views) next = next.withTable(ViewColumns.follow(view, before, after, renames));
        return new SchemaUpdate(current.with(next), SchemaChange.table(SchemaChange.Change.UPDATED, keyspace, table));
    }

    /** The table without COMPACT STORAGE: its hidden columns become ordinary ones, its data stays as it is. */
    private static TableMetadata dropCompactStorage(TableMetadata table) {
        if (!table.compactStorage().isCompact()) {
            throw new InvalidRequestException("Cannot DROP COMPACT STORAGE on table without COMPACT STORAGE");
        }
        return table.withCompactStorage(CompactStorage.NONE);
    }

    private TableMetadata add(TableMetadata table, AddColumns add, Schema schema) {
        if (table.compactStorage().isCompact()) throw new InvalidRequestException("Cannot add new column to a COMPACT STORAGE table");
        List<ColumnMetadata> columns = new ArrayList<>(table.allColumns());
        int nextId = table.nextColumnId();
        boolean counterTable = table.isCounterTable();
        boolean changed = false;
        for (ColumnDefinition definition : add.columns()) {
            String name = definition.name().name();
            if (columns.stream().anyMatch(c -> c.name().equals(name))) {
                if (add.ifNotExists()) continue;
                throw new InvalidRequestException("Column with name '" + name + "' already exists");
            }
            if (definition.isStatic() && table.clustering().isEmpty()) {
                throw new InvalidRequestException("Static columns are only useful (and thus allowed) if the table has at least one clustering column");
            }
            CqlType type = ColumnTypes.resolve(definition.type(), keyspace, schema);
            DroppedColumn dropped = table.droppedColumns().get(name);
            if (dropped != null && !dropped.type().equals(type.cqlName())) {
                throw new InvalidRequestException("Cannot re-add previously dropped column '" + name + "' of type " + type.cqlName()
                        + ", incompatible with previous type " + dropped.type());
            }
            // a counter's old cells would come back under the re-added column
            if (dropped != null && counterTable) throw new InvalidRequestException("Cannot re-add previously dropped counter column " + name);
            // a table is a counter table from its creation on, even with no counter left (or none yet: never)
            if (type.isCounter() && !counterTable) {
                throw new ConfigurationException(table + ": Cannot have a counter column (\"" + name + "\") in a non counter table");
            }
            if (!type.isCounter() && counterTable) {
                throw new ConfigurationException(table + ": Cannot have a non counter column (\"" + name + "\") in a counter table");
            }
            ColumnMetadata column = new ColumnMetadata(name, definition.isStatic() ? ColumnMetadata.Kind.STATIC : ColumnMetadata.Kind.REGULAR,
                    -1, type, false, nextId++);
            columns.add(definition.mask() == null ? column : column.withMask(ColumnMasks.prepare(column, definition.mask())));
            changed = true;
        }
        return changed ? table.withColumns(columns, nextId, table.droppedColumns()) : table;
    }

    /** {@code ALTER c MASKED WITH f(...)} or {@code ALTER c DROP MASKED}. */
    private TableMetadata mask(TableMetadata table, MaskColumn mask) {
        ColumnMetadata column = table.column(mask.column().name());
        if (column == null) {
            throw new InvalidRequestException("Column with name '" + mask.column().name() + "' doesn't exist on table '" + table.name() + "'");
        }
        ColumnMask newMask = mask.mask() == null ? null : ColumnMasks.prepare(column, mask.mask());
        if (Objects.equals(newMask, column.mask())) return table;
        List<ColumnMetadata> columns = new ArrayList<>(table.allColumns());
        columns.replaceAll(c -> c == column ? c.withMask(newMask) : c);
        return table.withColumns(columns, table.nextColumnId(), table.droppedColumns());
    }

    private TableMetadata drop(TableMetadata table, DropColumns drop, long nowMicros, boolean hasViews) {
        List<ColumnMetadata> columns = new ArrayList<>(table.allColumns());
        Map<String, DroppedColumn> dropped = new LinkedHashMap<>(table.droppedColumns());
        long droppedAt = drop.timestamp() != null ? drop.timestamp() : nowMicros;
        boolean changed = false;
        for (ColumnIdentifier identifier : drop.columns()) {
            ColumnMetadata column = table.column(identifier.name());
            // a hidden key column is still refused as a key column, as Cassandra does
            if (column == null || (table.isHidden(column) && !column.isPrimaryKey())) {
                if (drop.ifExists()) continue;
                throw new InvalidRequestException("Column " + identifier.name() + " was not found in table '" + table + "'");
            }
            if (column.isPrimaryKey()) throw new InvalidRequestException("Cannot drop PRIMARY KEY column " + column.name());
            if (hasViews) {
                throw new InvalidRequestException("Cannot drop column " + column.name() + " on base table " + table.name() + " with materialized views");
            }
            // Cassandra 5.0 fails with a server error here: a dense table keeps its one value column
            if (table.compactStorage() == CompactStorage.DENSE) {
                throw new InvalidRequestException("Cannot drop the value column " + column.name() + " of a COMPACT STORAGE table");
            }
            List<String> dependents = new ArrayList<>();
            for (var index : table.indexes().values()) if (index.column().equals(column.name())) dependents.add(index.name());
            if (!dependents.isEmpty()) {
                throw new InvalidRequestException("Cannot drop column " + column.name() + " because it has dependent secondary indexes ("
                        + String.join(", ", dependents) + ")");
            }
            columns.remove(column);
            dropped.put(column.name(), new DroppedColumn(column.name(), column.type().cqlName(), column.kind().schemaName(), droppedAt));
            changed = true;
        }
        return changed ? table.withColumns(columns, table.nextColumnId(), dropped) : table;
    }

    private TableMetadata rename(TableMetadata table, RenameColumns rename) {
        List<ColumnMetadata> columns = new ArrayList<>(table.allColumns());
        boolean changed = false;
        for (Map.Entry<ColumnIdentifier, ColumnIdentifier> entry : rename.renames().entrySet()) {
            String from = entry.getKey().name(), to = entry.getValue().name();
            int at = indexOf(columns, from);
            if (at < 0 || table.isHidden(columns.get(at))) {
                if (rename.ifExists()) continue;
                throw new InvalidRequestException("Undefined column name " + from + " in table " + table);
            }
            ColumnMetadata column = columns.get(at);
            if (!column.isPrimaryKey()) throw new InvalidRequestException("Cannot rename non PRIMARY KEY column " + from);
            for (var index : table.indexes().values()) {
                if (index.column().equals(from)) {
                    throw new InvalidRequestException("Can't rename column " + from + " because it has dependent secondary indexes (" + index.name() + ")");
                }
            }
            if (indexOf(columns, to) >= 0) {
                throw new InvalidRequestException("Cannot rename column " + from + " to " + to + " in table '" + table
                        + "'; another column with that name already exists");
            }
            columns.set(at, new ColumnMetadata(to, column.kind(), column.position(), column.type(), column.reversed(), column.id(), column.mask()));
            changed = true;
        }
        return changed ? table.withColumns(columns, table.nextColumnId(), table.droppedColumns()) : table;
    }

    private static int indexOf(List<ColumnMetadata> columns, String name) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(name)) return i;
        return -1;
    }

    private TableMetadata withOptions(TableMetadata table, SetOptions options) {
        if (TableProperties.tableId(options.options().properties()) != null) {
            throw new ConfigurationException("Cannot alter table id.");
        }
        TableParams params = TableProperties.apply(table.params(), options.options().properties());
        StorageEngineOption.checkUnchanged(table, params);
        if (table.isCounterTable() && params.defaultTimeToLive() > 0) {
            throw new InvalidRequestException("Cannot set default_time_to_live on a table with counters");
        }
        return table.withParams(params);
    }
}
