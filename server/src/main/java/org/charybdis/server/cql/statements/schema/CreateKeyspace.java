package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.AlreadyExistsException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.CreateKeyspaceStatement;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;

import java.util.List;
import java.util.regex.Pattern;

/** CREATE KEYSPACE [IF NOT EXISTS]. */
final class CreateKeyspace extends SchemaChangeStatement {
    static final int MAX_NAME_LENGTH = 48;
    private static final Pattern VALID_NAME = Pattern.compile("\\w+");

    private final String keyspace;
    private final boolean ifNotExists;
    private final KeyspaceOptions options;

    CreateKeyspace(CreateKeyspaceStatement statement) {
        this.keyspace = statement.keyspace();
        this.ifNotExists = statement.ifNotExists();
        checkName(keyspace);
        this.options = KeyspaceOptions.parse(keyspace, statement.options()).requireReplication();
    }

    static void checkName(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException("Keyspace name must not be more than " + MAX_NAME_LENGTH + " characters long (got "
                    + name.length() + " characters for \"" + name + "\")");
        }
        if (!VALID_NAME.matcher(name).matches()) {
            throw new InvalidRequestException("Keyspace name must not be empty and must contain alphanumeric or underscore characters only (got \""
                    + name + "\")");
        }
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureKeyspace(Permission.CREATE, keyspace);
    }

    @Override
    List<String> warnings(Schema before, SchemaChange change) {
        return change == null ? List.of() : KeyspaceOptions.replicationWarnings(keyspace, options.replication(), null);
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        if (current.keyspace(keyspace) != null) {
            if (ifNotExists) return SchemaUpdate.unchanged(current);
            throw new AlreadyExistsException(keyspace, "");
        }
        SystemKeyspaceGuard.checkModifiable(keyspace);
        boolean durable = options.durableWrites() == null || options.durableWrites();
        return new SchemaUpdate(current.with(KeyspaceMetadata.create(keyspace, options.replication(), durable)),
                SchemaChange.keyspace(SchemaChange.Change.CREATED, keyspace));
    }
}
