package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.CreateTriggerStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TriggerMetadata;
import org.charybdis.server.trigger.Triggers;

/**
 * CREATE TRIGGER [IF NOT EXISTS] name ON [ks.]t USING 'class', with Cassandra 5.0's checks and messages: superusers
 * only, not on a view, the class loadable from the triggers directory (and, here, implementing Charybdis's trigger
 * interface). The event is UPDATED TABLE.
 */
final class CreateTrigger extends SchemaChangeStatement {
    private final CreateTriggerStatement statement;
    private final String keyspace;
    /** The node's triggers, from the context before each execution (always the same instance on a node). */
    private volatile Triggers triggers;

    CreateTrigger(CreateTriggerStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        TriggerAccess.ensureSuperuser(context, "Only superusers are allowed to perform CREATE TRIGGER queries");
        triggers = context.server().proxy().triggers();
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkTriggersModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        if (ks == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
        String tableName = statement.table().name();
        TableMetadata table = ks.table(tableName);
        if (table == null) throw new InvalidRequestException("Table '" + tableName + "' doesn't exist");
        if (table.isView()) throw new InvalidRequestException("Cannot CREATE TRIGGER for a materialized view");
        if (table.triggers().containsKey(statement.trigger())) {
            if (statement.ifNotExists()) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Trigger '" + statement.trigger() + "' already exists");
        }
        if (triggers != null) triggers.check(statement.className()); // null: a change computed offline (changeOf), no class to load
        return new SchemaUpdate(current.with(ks.withTable(table.withTrigger(new TriggerMetadata(statement.trigger(), statement.className())))),
                SchemaChange.table(SchemaChange.Change.UPDATED, keyspace, tableName));
    }
}
