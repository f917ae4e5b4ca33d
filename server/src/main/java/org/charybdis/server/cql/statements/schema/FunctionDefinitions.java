package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.syntax.RawType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.udf.UdfSettings;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.system.SystemKeyspaces;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What CREATE and DROP of functions and aggregates share: keyspace checks, argument types, signatures, events. */
final class FunctionDefinitions {
    private FunctionDefinitions() {}

    /** What CREATE FUNCTION and CREATE AGGREGATE refuse before looking at the schema. */
    static void checkCreate(UdfSettings settings, boolean orReplace, boolean ifNotExists) {
        settings.checkEnabled();
        if (orReplace && ifNotExists) throw new InvalidRequestException("Cannot use both 'OR REPLACE' and 'IF NOT EXISTS' directives");
    }

    /**
     * As Cassandra: replacing an existing function needs ALTER on it, creating one CREATE on the keyspace's functions.
     *
     * @param existing the signature of the function or aggregate replaced, null when it does not exist
     */
    static void checkCreateAccess(ExecutionContext context, String keyspace, boolean orReplace, String existing) {
        if (orReplace && existing != null) context.access().ensure(Permission.ALTER, AuthResource.function(keyspace, existing));
        else context.access().ensure(Permission.CREATE, AuthResource.functionsIn(keyspace));
    }

    /** The signature {@code name(types)} if the keyspace has a function (or aggregate) of it, else null. */
    static String existing(Schema schema, String keyspace, String name, List<RawType> rawTypes, boolean aggregate) {
        KeyspaceMetadata ks = schema.keyspace(keyspace);
        if (ks == null) return null;
        try {
            String signature = name + "(" + typeNames(argumentTypes(rawTypes, keyspace, schema)) + ")";
            boolean exists = aggregate ? ks.functions().aggregates().containsKey(signature) : ks.functions().functions().containsKey(signature);
            return exists ? signature : null;
        } catch (InvalidRequestException e) {
            return null; // the statement fails with this error once it runs
        }
    }

    /** The keyspace a function is created in or dropped from, with Cassandra's messages. */
    static KeyspaceMetadata keyspace(Schema schema, String keyspace) {
        if (SystemKeyspaces.isLocal(keyspace) || SystemKeyspaces.isReplicated(keyspace)) {
            throw SystemKeyspaceGuard.notUserModifiable(keyspace);
        }
        KeyspaceMetadata ks = schema.keyspace(keyspace);
        if (ks == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
        return ks;
    }

    /** Argument types: never frozen, as Cassandra's functions take values, not cells. */
    static List<CqlType> argumentTypes(List<RawType> raw, String keyspace, Schema schema) {
        List<CqlType> types = new ArrayList<>(raw.size());
        for (RawType type : raw) types.add(argumentType(type, keyspace, schema));
        return types;
    }

    static CqlType argumentType(RawType raw, String keyspace, Schema schema) {
        if (explicitlyFrozen(raw)) {
            throw new InvalidRequestException("Argument '" + raw.toCqlString() + "' cannot be frozen; remove frozen<> modifier from '"
                    + raw.toCqlString() + "'");
        }
        return ColumnTypes.resolveValue(raw, keyspace, schema);
    }

    /** The return or state type of a function or aggregate. */
    static CqlType valueType(RawType raw, String keyspace, Schema schema) {
        if (explicitlyFrozen(raw)) {
            throw new InvalidRequestException("Return type '" + raw.toCqlString() + "' cannot be frozen; remove frozen<> modifier from '"
                    + raw.toCqlString() + "'");
        }
        return ColumnTypes.resolveValue(raw, keyspace, schema);
    }

    /** Tuples and vectors are always frozen, written so or not: only a frozen collection or UDT is refused. */
    private static boolean explicitlyFrozen(RawType raw) {
        return raw.isFrozen() && !(raw instanceof RawType.Tuple || raw instanceof RawType.Vector);
    }

    static String typeNames(List<CqlType> types) {
        StringBuilder s = new StringBuilder();
        for (CqlType type : types) s.append(s.isEmpty() ? "" : ", ").append(type.cqlName());
        return s.toString();
    }

    /**
     * The one overload a DROP means: the one of that signature, else the only one of that name; null when there is
     * none. Refuses a name without signature that has several overloads, as Cassandra.
     *
     * @param kind      {@code FUNCTION} or {@code AGGREGATE}, as the statement says it
     * @param signature the statement's argument types, null when it gave none
     */
    static <T> T overloadToDrop(String kind, String name, List<CqlType> signature, Map<String, T> bySignature, List<T> named) {
        if (signature != null) return bySignature.get(name + "(" + typeNames(signature) + ")");
        if (named.size() > 1) {
            throw new InvalidRequestException("'DROP " + kind + " " + name + "' matches multiple function definitions; specify the argument types by issuing a statement like 'DROP "
                    + kind + " " + name + " (type, type, ...)'. You can use cqlsh 'DESCRIBE " + kind + " " + name + "' command to find all overloads");
        }
        return named.isEmpty() ? null : named.get(0);
    }

    /** How a DROP's errors name what it drops: {@code ks.f} or {@code ks.f(int, text)}, as written. */
    static String droppedName(String keyspace, String name, List<CqlType> signature) {
        return keyspace + "." + name + (signature == null ? "" : "(" + typeNames(signature) + ")");
    }

    static SchemaChange event(SchemaChange.Change change, SchemaChange.Target target, String keyspace, String name, List<CqlType> types) {
        List<String> names = new ArrayList<>(types.size());
        for (CqlType type : types) names.add(type.cqlName());
        return new SchemaChange(change, target, keyspace, name, names);
    }
}
