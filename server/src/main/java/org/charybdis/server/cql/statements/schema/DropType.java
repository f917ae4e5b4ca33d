package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.DropTypeStatement;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;

/** DROP TYPE [IF EXISTS]; refused while a type or table uses it. */
final class DropType extends SchemaChangeStatement {
    private final String keyspace;
    private final String name;
    private final boolean ifExists;

    DropType(DropTypeStatement statement, String keyspace) {
        this.keyspace = keyspace;
        this.name = statement.type().name();
        this.ifExists = statement.ifExists();
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureAllTables(Permission.DROP, keyspace);
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        if (ks == null || !ks.types().containsKey(name)) {
            if (ifExists) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Type '" + keyspace + "." + name + "' doesn't exist");
        }
        String users = UserTypes.usersOf(ks, name);
        if (users != null) {
            throw new InvalidRequestException("Cannot drop user type '" + keyspace + "." + name + "' as it is still used by " + users);
        }
        return new SchemaUpdate(current.with(ks.withType(name, null)), CreateType.typeChange(SchemaChange.Change.DROPPED, keyspace, name));
    }
}
