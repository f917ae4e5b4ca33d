package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.syntax.RawType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.CustomType;
import org.charybdis.cql.types.InvalidTypeException;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a type as written in DDL to a {@link CqlType}, looking user types up in the schema and
 * refusing what Cassandra refuses (non-frozen nesting, counters or durations where they cannot go),
 * with Cassandra's messages.
 */
public final class ColumnTypes {
    private ColumnTypes() {}

    /** Resolves a column's type; user types without a keyspace are looked up in {@code keyspace}. */
    public static CqlType resolve(RawType raw, String keyspace, Schema schema) {
        CqlType type = resolve(raw, keyspace, schema, false);
        if (type instanceof UserType udt && udt.isMultiCell() && udt.fieldTypes().stream().anyMatch(CqlType::isMultiCell)) {
            throw new InvalidRequestException("Non-frozen UDTs with nested non-frozen collections are not supported");
        }
        return type;
    }

    /**
     * Resolves the type of a function's argument, result or state: a value, never cells, so a non-frozen UDT may
     * hold non-frozen collections.
     */
    public static CqlType resolveValue(RawType raw, String keyspace, Schema schema) {
        return resolve(raw, keyspace, schema, false);
    }

    private static CqlType resolve(RawType raw, String keyspace, Schema schema, boolean frozen) {
        return switch (raw) {
            case RawType.Named named -> named(named, keyspace, schema, frozen || named.frozen());
            case RawType.Collection collection -> collection(collection, keyspace, schema, frozen || collection.frozen());
            case RawType.Tuple tuple -> {
                List<CqlType> elements = new ArrayList<>();
                for (RawType element : tuple.elements()) {
                    CqlType type = resolve(element, keyspace, schema, true);
                    if (type.isCounter()) throw new InvalidRequestException("Counters are not allowed inside tuples");
                    elements.add(type);
                }
                yield TupleType.of(elements);
            }
            case RawType.Vector vector -> {
                if (vector.dimension() <= 0) {
                    throw new InvalidRequestException("vectors may only have positive dimensions; given " + vector.dimension());
                }
                CqlType element = resolve(vector.element(), keyspace, schema, true);
                if (element.isCounter()) throw new InvalidRequestException("vectors may not contain counters");
                yield VectorType.of(element, vector.dimension());
            }
            case RawType.Custom custom -> CustomType.of(custom.className());
        };
    }

    private static CqlType named(RawType.Named named, String keyspace, Schema schema, boolean frozen) {
        if (named.isNative()) {
            if (named.frozen()) {
                throw new SyntaxException("frozen<> is only allowed on collections, tuples, and user-defined types (got " + named.name() + ")");
            }
            NativeType type = NativeType.byName(named.name());
            if (type == null) throw new InvalidRequestException("Unknown type " + named.name());
            return type;
        }
        String typeKeyspace = named.keyspace() != null ? named.keyspace() : keyspace;
        if (named.keyspace() != null && keyspace != null && !named.keyspace().equals(keyspace)) {
            throw new InvalidRequestException("Statement on keyspace " + keyspace + " cannot refer to a user type in keyspace "
                    + named.keyspace() + "; user types can only be used in the keyspace they are defined in");
        }
        KeyspaceMetadata ks = typeKeyspace == null ? null : schema.keyspace(typeKeyspace);
        CqlType found = ks == null ? null : ks.types().get(named.name());
        if (!(found instanceof UserType type)) {
            throw new InvalidRequestException("Unknown type " + typeKeyspace + "." + named.name());
        }
        return UserType.of(type.keyspace(), type.name(), type.fieldNames(), type.fieldTypes(), !frozen);
    }

    private static CqlType collection(RawType.Collection raw, String keyspace, Schema schema, boolean frozen) {
        List<CqlType> parameters = new ArrayList<>();
        for (RawType parameter : raw.parameters()) {
            CqlType type = resolve(parameter, keyspace, schema, frozen);
            if (!frozen && type.isMultiCell()) {
                String what = type instanceof UserType ? "Non-frozen UDTs" : "Non-frozen collections";
                throw new InvalidRequestException(what + " are not allowed inside collections: " + raw.toCqlString());
            }
            if (type.isCounter()) {
                throw new InvalidRequestException("Counters are not allowed inside collections: " + raw.toCqlString());
            }
            parameters.add(type);
        }
        try {
            return switch (raw.kind()) {
                case LIST -> ListType.of(parameters.get(0), !frozen);
                case SET -> {
                    if (parameters.get(0) == NativeType.DURATION) {
                        throw new InvalidRequestException("Durations are not allowed inside sets: " + raw.toCqlString());
                    }
                    yield SetType.of(parameters.get(0), !frozen);
                }
                case MAP -> {
                    if (parameters.get(0) == NativeType.DURATION) {
                        throw new InvalidRequestException("Durations are not allowed as map keys: " + raw.toCqlString());
                    }
                    yield MapType.of(parameters.get(0), parameters.get(1), !frozen);
                }
            };
        } catch (InvalidTypeException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }
}
