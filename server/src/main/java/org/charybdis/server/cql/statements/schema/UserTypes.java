package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.UserAggregate;
import org.charybdis.server.schema.UserFunction;
import org.charybdis.server.schema.UserFunctions;

import java.util.ArrayList;
import java.util.List;

/** Carries an altered user type into every type, table, function and aggregate of its keyspace that uses it. */
final class UserTypes {
    private UserTypes() {}

    static KeyspaceMetadata replaceEverywhere(KeyspaceMetadata ks, UserType updated) {
        KeyspaceMetadata out = ks.withType(updated.name(), updated);
        for (var entry : ks.types().entrySet()) {
            if (entry.getKey().equals(updated.name())) continue;
            out = out.withType(entry.getKey(), replace(entry.getValue(), updated));
        }
        for (TableMetadata table : ks.tables().values()) {
            List<ColumnMetadata> columns = new ArrayList<>();
            boolean changed = false;
            for (ColumnMetadata c : table.allColumns()) {
                CqlType type = replace(c.type(), updated);
                changed |= type != c.type();
                columns.add(type == c.type() ? c : new ColumnMetadata(c.name(), c.kind(), c.position(), type, c.reversed(), c.id()));
            }
            if (changed) out = out.withTable(table.withColumns(columns, table.nextColumnId(), table.droppedColumns()));
        }
        return out.withFunctions(replaceInFunctions(ks.functions(), updated));
    }

    /** The functions and aggregates with the updated type in their signatures, so that their bodies see its new fields. */
    private static UserFunctions replaceInFunctions(UserFunctions functions, UserType updated) {
        UserFunctions out = functions;
        for (UserFunction f : functions.functions().values()) {
            List<CqlType> arguments = replaceAll(f.argumentTypes(), updated);
            CqlType returnType = replace(f.returnType(), updated);
            if (!arguments.equals(f.argumentTypes()) || returnType != f.returnType()) {
                out = out.with(new UserFunction(f.keyspace(), f.name(), f.argumentNames(), arguments, returnType, f.calledOnNullInput(),
                        f.language(), f.body()));
            }
        }
        for (UserAggregate a : functions.aggregates().values()) {
            List<CqlType> arguments = replaceAll(a.argumentTypes(), updated);
            CqlType stateType = replace(a.stateType(), updated);
            CqlType returnType = replace(a.returnType(), updated);
            if (!arguments.equals(a.argumentTypes()) || stateType != a.stateType() || returnType != a.returnType()) {
                out = out.with(new UserAggregate(a.keyspace(), a.name(), arguments, a.stateFunction(), stateType, a.finalFunction(),
                        a.initialCondition(), returnType));
            }
        }
        return out;
    }

    /** The type with every use of the updated user type replaced; the same instance when it does not use it. */
    static CqlType replace(CqlType type, UserType updated) {
        if (!type.referencesUserType(updated.keyspace(), updated.name())) return type;
        return switch (type) {
            case UserType udt when udt.keyspace().equals(updated.keyspace()) && udt.name().equals(updated.name()) ->
                    UserType.of(udt.keyspace(), udt.name(), updated.fieldNames(), updated.fieldTypes(), udt.isMultiCell());
            case UserType udt -> UserType.of(udt.keyspace(), udt.name(), udt.fieldNames(), replaceAll(udt.fieldTypes(), updated), udt.isMultiCell());
            case ListType list -> ListType.of(replace(list.elementType(), updated), list.isMultiCell());
            case SetType set -> SetType.of(replace(set.elementType(), updated), set.isMultiCell());
            case MapType map -> MapType.of(replace(map.keyType(), updated), replace(map.valueType(), updated), map.isMultiCell());
            case TupleType tuple -> TupleType.of(replaceAll(tuple.subTypes(), updated));
            case VectorType vector -> VectorType.of(replace(vector.elementType(), updated), vector.dimension());
            default -> type;
        };
    }

    private static List<CqlType> replaceAll(List<CqlType> types, UserType updated) {
        List<CqlType> out = new ArrayList<>(types.size());
        for (CqlType t : types) out.add(replace(t, updated));
        return out;
    }

    /** Names of the functions, types and tables of the keyspace that use the type, for DROP TYPE's refusal (Cassandra's order). */
    static String usersOf(KeyspaceMetadata ks, String typeName) {
        List<String> functions = ks.functions().usersOfType(typeName);
        if (!functions.isEmpty()) return "functions " + String.join(", ", functions);
        List<String> types = new ArrayList<>();
        for (var entry : ks.types().entrySet()) {
            if (!entry.getKey().equals(typeName) && entry.getValue().referencesUserType(ks.name(), typeName)) types.add(entry.getKey());
        }
        if (!types.isEmpty()) return "user types " + String.join(", ", types);
        List<String> tables = new ArrayList<>();
        for (TableMetadata table : ks.tables().values()) {
            for (ColumnMetadata c : table.allColumns()) {
                if (c.type().referencesUserType(ks.name(), typeName)) {
                    tables.add(table.name());
                    break;
                }
            }
        }
        return tables.isEmpty() ? null : "tables " + String.join(", ", tables);
    }
}
