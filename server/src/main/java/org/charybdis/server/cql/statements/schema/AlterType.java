package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.AlterTypeStatement;
import org.charybdis.cql.syntax.AlterTypeStatement.AddField;
import org.charybdis.cql.syntax.AlterTypeStatement.RenameFields;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.RawType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ALTER TYPE [IF EXISTS] ... ADD field / RENAME fields; tables and types using it follow. */
final class AlterType extends SchemaChangeStatement {
    private final AlterTypeStatement statement;
    private final String keyspace;

    AlterType(AlterTypeStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
        if (statement.action() instanceof AlterTypeStatement.AlterField) {
            throw new InvalidRequestException("Altering field types is no longer supported");
        }
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureAllTables(Permission.ALTER, keyspace);
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        String name = statement.type().name();
        if (ks == null || !(ks.types().get(name) instanceof UserType type)) {
            if (statement.ifExists()) return SchemaUpdate.unchanged(current);
            if (ks == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
            throw new InvalidRequestException("Type " + keyspace + "." + name + " doesn't exist");
        }
        List<String> names = new ArrayList<>(type.fieldNames());
        List<CqlType> types = new ArrayList<>(type.fieldTypes());
        switch (statement.action()) {
            case AddField add -> {
                String field = add.field().name().name();
                if (names.contains(field)) {
                    if (add.ifNotExists()) return SchemaUpdate.unchanged(current);
                    throw new InvalidRequestException("Cannot add field " + field + " to type " + keyspace + "." + name
                            + ": a field with name " + field + " already exists");
                }
                CqlType fieldType = CreateType.checkedFieldType(add.field().type(), keyspace, current);
                if (fieldType.referencesUserType(keyspace, name)) {
                    throw new InvalidRequestException("Cannot add new field " + field + " of type " + qualified(add.field().type())
                            + " to user type " + keyspace + "." + name + " as it would create a circular reference");
                }
                names.add(field);
                types.add(fieldType);
            }
            case RenameFields rename -> {
                for (Map.Entry<ColumnIdentifier, ColumnIdentifier> entry : rename.renames().entrySet()) {
                    int at = names.indexOf(entry.getKey().name());
                    if (at < 0) {
                        if (rename.ifExists()) continue;
                        throw new InvalidRequestException("Unkown field " + entry.getKey().name() + " in user type " + keyspace + "." + name);
                    }
                    if (names.contains(entry.getValue().name())) {
                        // Cassandra's message names the keyspace where the type belongs
                        throw new InvalidRequestException("Duplicate field name " + entry.getValue().name() + " in type " + keyspace);
                    }
                    names.set(at, entry.getValue().name());
                }
            }
            case AlterTypeStatement.AlterField ignored -> throw new IllegalStateException("refused at compile time");
        }
        UserType updated = UserType.of(keyspace, name, names, types, false);
        return new SchemaUpdate(current.with(UserTypes.replaceEverywhere(ks, updated)),
                CreateType.typeChange(SchemaChange.Change.UPDATED, keyspace, name));
    }

    /** A field type as Cassandra prints it in messages: user types with their keyspace. */
    private String qualified(RawType raw) {
        if (!(raw instanceof RawType.Named named) || named.isNative()) return raw.toCqlString();
        String base = (named.keyspace() == null ? keyspace : named.keyspace()) + "." + named.name();
        return named.frozen() ? "frozen<" + base + ">" : base;
    }
}
