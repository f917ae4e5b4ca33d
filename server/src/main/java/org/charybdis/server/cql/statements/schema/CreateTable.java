package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.AlreadyExistsException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.CreateTableStatement;
import org.charybdis.cql.messages.Result;
import org.charybdis.server.cql.terms.ColumnMasks;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;

import java.util.concurrent.CompletionStage;

/** CREATE TABLE [IF NOT EXISTS]. */
final class CreateTable extends SchemaChangeStatement {
    private final CreateTableStatement statement;
    private final String keyspace;

    CreateTable(CreateTableStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureAllTables(Permission.CREATE, keyspace);
    }

    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        if (statement.columns().stream().anyMatch(c -> c.mask() != null)) ColumnMasks.ensureEnabled(context);
        return super.execute(context);
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        if (ks == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
        String name = statement.table().name();
        if (ks.table(name) != null) {
            if (statement.ifNotExists() && !ks.table(name).isView()) return SchemaUpdate.unchanged(current);
            throw new AlreadyExistsException(keyspace, name);
        }
        TableMetadata table = TableDefinitions.build(statement, keyspace, current);
        for (KeyspaceMetadata other : current.keyspaces().values()) {
            for (TableMetadata existing : other.tables().values()) {
                if (existing.id().equals(table.id())) {
                    throw new InvalidRequestException("Table id " + table.id() + " is already used by " + existing);
                }
            }
        }
        return new SchemaUpdate(current.with(ks.withTable(table)), SchemaChange.table(SchemaChange.Change.CREATED, keyspace, name));
    }
}
