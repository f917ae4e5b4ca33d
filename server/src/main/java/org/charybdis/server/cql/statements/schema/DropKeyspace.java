package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.DropKeyspaceStatement;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;

/** DROP KEYSPACE [IF EXISTS]: the keyspace with its tables and types (their data goes with them). */
final class DropKeyspace extends SchemaChangeStatement {
    private final String keyspace;
    private final boolean ifExists;

    DropKeyspace(DropKeyspaceStatement statement) {
        this.keyspace = statement.keyspace();
        this.ifExists = statement.ifExists();
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureKeyspace(Permission.DROP, keyspace);
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkDroppable(keyspace);
        if (current.keyspace(keyspace) == null) {
            if (ifExists) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
        }
        return new SchemaUpdate(current.without(keyspace), SchemaChange.keyspace(SchemaChange.Change.DROPPED, keyspace));
    }
}
