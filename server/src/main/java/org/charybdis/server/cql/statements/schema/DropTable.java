package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.DropTableStatement;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;

/** DROP TABLE [IF EXISTS]: the table and its data on every shard. */
final class DropTable extends SchemaChangeStatement {
    private final String keyspace;
    private final String table;
    private final boolean ifExists;

    DropTable(DropTableStatement statement, String keyspace) {
        this.keyspace = keyspace;
        this.table = statement.table().name();
        this.ifExists = statement.ifExists();
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureTable(Permission.DROP, keyspace, table);
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        if (ks == null || ks.table(table) == null) {
            if (ifExists) return SchemaUpdate.unchanged(current);
            if (ks == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
            throw new InvalidRequestException("Table '" + keyspace + "." + table + "' doesn't exist");
        }
        if (ks.table(table).isView()) {
            throw new InvalidRequestException("Cannot use DROP TABLE on a materialized view. Please use DROP MATERIALIZED VIEW instead.");
        }
        if (!ks.viewsOf(ks.table(table).id()).isEmpty()) {
            // Cassandra names the keyspace here, not the views
            throw new InvalidRequestException("Cannot drop a table when materialized views still depend on it (" + keyspace + ")");
        }
        return new SchemaUpdate(current.with(ks.withoutTable(table)), SchemaChange.table(SchemaChange.Change.DROPPED, keyspace, table));
    }
}
