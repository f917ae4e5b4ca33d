package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.CreateTypeStatement;
import org.charybdis.cql.syntax.FieldDefinition;
import org.charybdis.cql.syntax.RawType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CREATE TYPE [IF NOT EXISTS]. */
final class CreateType extends SchemaChangeStatement {
    private final CreateTypeStatement statement;
    private final String keyspace;

    CreateType(CreateTypeStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureAllTables(Permission.CREATE, keyspace);
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        if (ks == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
        String name = statement.type().name();
        if (ks.types().containsKey(name)) {
            if (statement.ifNotExists()) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("A user type with name '" + name + "' already exists");
        }
        List<String> names = new ArrayList<>();
        List<CqlType> types = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FieldDefinition field : statement.fields()) {
            if (!seen.add(field.name().name())) {
                throw new InvalidRequestException("Duplicate field name '" + field.name().name() + "' in type '" + name + "'");
            }
            names.add(field.name().name());
            types.add(checkedFieldType(field.type(), keyspace, current));
        }
        UserType type = UserType.of(keyspace, name, names, types, false);
        return new SchemaUpdate(current.with(ks.withType(name, type)), typeChange(SchemaChange.Change.CREATED, keyspace, name));
    }

    /** A field's type: user types in it must be frozen, counters are refused. */
    static CqlType checkedFieldType(RawType raw, String keyspace, Schema schema) {
        if (raw instanceof RawType.Named named && !named.isNative() && !named.isFrozen()) {
            throw new InvalidRequestException("A user type cannot contain non-frozen UDTs");
        }
        CqlType type = ColumnTypes.resolve(raw, keyspace, schema);
        if (type.isCounter()) throw new InvalidRequestException("A user type cannot contain counters");
        return type;
    }

    static SchemaChange typeChange(SchemaChange.Change change, String keyspace, String name) {
        return new SchemaChange(change, SchemaChange.Target.TYPE, keyspace, name, List.of());
    }
}
