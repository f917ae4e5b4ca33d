package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.DropIndexStatement;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;

/** DROP INDEX [IF EXISTS] [ks.]name: the index and its entries on every shard; the event is UPDATED TABLE. */
final class DropIndex extends SchemaChangeStatement {
    private final String keyspace;
    private final String name;
    private final boolean ifExists;

    DropIndex(DropIndexStatement statement, String keyspace) {
        this.keyspace = keyspace;
        this.name = statement.index().name();
        this.ifExists = statement.ifExists();
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        var ks = context.server().schema().current().keyspace(keyspace);
        var table = ks == null ? null : ks.tableOfIndex(name);
        if (table != null) context.access().ensureTable(Permission.ALTER, keyspace, table.name()); // else the index does not exist
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        KeyspaceMetadata ks = current.keyspace(keyspace);
        TableMetadata table = ks == null ? null : ks.tableOfIndex(name);
        if (table == null) {
            if (ifExists) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Index '" + keyspace + "." + name + "' doesn't exist'");
        }
        SystemKeyspaceGuard.checkModifiable(keyspace);
        return new SchemaUpdate(current.with(ks.withTable(table.withoutIndex(name))),
                SchemaChange.table(SchemaChange.Change.UPDATED, keyspace, table.name()));
    }
}
