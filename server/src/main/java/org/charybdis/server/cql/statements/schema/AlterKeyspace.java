package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.AlterKeyspaceStatement;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;

import java.util.List;
import java.util.Map;

/** ALTER KEYSPACE [IF EXISTS]: replication and durable_writes. */
final class AlterKeyspace extends SchemaChangeStatement {
    private final String keyspace;
    private final boolean ifExists;
    private final KeyspaceOptions options;

    AlterKeyspace(AlterKeyspaceStatement statement) {
        this.keyspace = statement.keyspace();
        this.ifExists = statement.ifExists();
        this.options = KeyspaceOptions.parse(keyspace, statement.options());
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureKeyspace(Permission.ALTER, keyspace);
    }

    @Override
    List<String> warnings(Schema before, SchemaChange change) {
        KeyspaceMetadata previous = before.keyspace(keyspace);
        if (change == null || previous == null) return List.of();
        // like Cassandra, warns of the resulting replication even when the statement leaves it as it was
        Map<String, String> replication = options.replication() != null ? options.replication() : previous.replication();
        return KeyspaceOptions.replicationWarnings(keyspace, replication, previous.replication());
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        if (ks == null) {
            if (ifExists) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
        }
        KeyspaceMetadata altered = ks.withParams(options.replication() != null ? options.replication() : ks.replication(),
                options.durableWrites() != null ? options.durableWrites() : ks.durableWrites());
        return new SchemaUpdate(current.with(altered), SchemaChange.keyspace(SchemaChange.Change.UPDATED, keyspace));
    }
}
