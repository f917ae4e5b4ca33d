package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.DropTriggerStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;

/** DROP TRIGGER [IF EXISTS] name ON [ks.]t: superusers only, as in Cassandra 5.0; the event is UPDATED TABLE. */
final class DropTrigger extends SchemaChangeStatement {
    private final DropTriggerStatement statement;
    private final String keyspace;

    DropTrigger(DropTriggerStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        TriggerAccess.ensureSuperuser(context, "Only superusers are allowed to perfrom DROP TRIGGER queries"); // sic, Cassandra 5.0.6
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkTriggersModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        String tableName = statement.table().name();
        TableMetadata table = ks == null ? null : ks.table(tableName);
        if (table == null || !table.triggers().containsKey(statement.trigger())) {
            if (statement.ifExists()) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Trigger '" + statement.trigger() + "' on '" + keyspace + "." + tableName + "' doesn't exist");
        }
        return new SchemaUpdate(current.with(ks.withTable(table.withoutTrigger(statement.trigger()))),
                SchemaChange.table(SchemaChange.Change.UPDATED, keyspace, tableName));
    }
}
