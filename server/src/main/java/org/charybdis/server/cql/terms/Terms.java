package org.charybdis.server.cql.terms;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.MarshalException;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.TupleValue;
import org.charybdis.cql.types.UdtValue;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.VectorType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a term of CQL text against the type of what receives it (a column, a collection element,
 * a field), following Cassandra's assignment rules and error messages. Bind markers record their
 * receiver in {@link BindVariables} and read their bytes from the execution's values.
 */
public final class Terms {
    private Terms() {}

    /**
     * @param receiver the name shown in errors and in prepared metadata (a column name, or e.g. {@code in(k)})
     */
    public static BoundValue resolve(Term term, CqlType type, String receiver, BindVariables variables) {
        return switch (term) {
            case Term.NullLiteral ignored -> BoundValue.constant(null);
            case Term.BindMarker marker -> marker(marker, type, receiver, variables);
            case Term.Literal literal -> BoundValue.constant(literal(literal, type, receiver));
            case Term.TypeHint hint -> resolve(hint.term(), type, receiver, variables);
            case Term.ListLiteral list -> list(list, type, receiver, variables);
            case Term.SetLiteral set -> set(set, type, receiver, variables);
            case Term.MapLiteral map -> map(map, type, receiver, variables);
            case Term.UdtLiteral udt -> udt(udt, type, receiver, variables);
            case Term.TupleLiteral tuple -> tuple(tuple, type, receiver, variables);
            case Term.FunctionCall call -> FunctionTerms.call(call, type, receiver, variables);
            case Term.Arithmetic arithmetic -> FunctionTerms.arithmetic(arithmetic, type, receiver, variables);
            case Term.Negation negation -> FunctionTerms.negation(negation, type, receiver, variables);
        };
    }

    /**
     * Resolves the value of a {@code token(...) op value} relation: a bigint, or a {@code token(...)} call
     * over values of the partition key's types.
     */
    public static BoundValue tokenValue(Term term, List<CqlType> partitionKeyTypes, BindVariables variables) {
        if (term instanceof Term.FunctionCall call && FunctionTerms.isToken(call)) return FunctionTerms.token(call, partitionKeyTypes, variables);
        return resolve(term, NativeType.BIGINT, "partition key token", variables);
    }

    /** Resolves a term that must be a constant (e.g. a table option); fails on markers and functions. */
    public static ByteBuffer constant(Term term, CqlType type, String receiver) {
        BoundValue value = resolve(term, type, receiver, new BindVariables(0, null, null));
        if (value instanceof BoundValue.Constant c) return c.value();
        throw new InvalidRequestException("Expected a constant value for " + receiver);
    }

    private static BoundValue marker(Term.BindMarker marker, CqlType type, String receiver, BindVariables variables) {
        variables.set(marker.index(), marker.name() != null ? marker.name() : receiver, type);
        int index = marker.index();
        return context -> {
            ByteBuffer value = context.value(index);
            if (value == null || value == QueryOptions.UNSET) return value;
            try {
                type.validate(value);
            } catch (MarshalException e) {
                throw new InvalidRequestException("Invalid value for " + receiver + " of type " + type.cqlName() + ": " + e.getMessage());
            }
            return value;
        };
    }

    /** Cassandra's constant rules: which literal kinds each type accepts. */
    static ByteBuffer literal(Term.Literal literal, CqlType type, String receiver) {
        if (!(type instanceof NativeType nativeType) || !accepts(nativeType, literal.kind())) {
            if (type instanceof org.charybdis.cql.types.CustomType) return parse(type, literal.text());
            throw new InvalidRequestException("Invalid " + literal.kind() + " constant (" + literal.text() + ") for \""
                    + receiver + "\" of type " + type.cqlName());
        }
        return parse(type, literal.text());
    }

    private static ByteBuffer parse(CqlType type, String text) {
        try {
            return type.fromString(text);
        } catch (MarshalException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    private static boolean accepts(NativeType type, Term.LiteralKind kind) {
        return switch (kind) {
            case STRING -> switch (type) {
                case ASCII, TEXT, INET, DATE, TIME, TIMESTAMP -> true;
                default -> false;
            };
            case INTEGER -> switch (type) {
                case BIGINT, COUNTER, DATE, DECIMAL, DOUBLE, FLOAT, INT, SMALLINT, TIME, TIMESTAMP, TINYINT, VARINT -> true;
                default -> false;
            };
            case FLOAT -> type == NativeType.DECIMAL || type == NativeType.DOUBLE || type == NativeType.FLOAT;
            case BOOLEAN -> type == NativeType.BOOLEAN;
            case UUID -> type == NativeType.UUID || type == NativeType.TIMEUUID;
            case HEX -> type == NativeType.BLOB;
            case DURATION -> type == NativeType.DURATION;
        };
    }

    private static BoundValue list(Term.ListLiteral list, CqlType type, String receiver, BindVariables variables) {
        CqlType element;
        if (type instanceof ListType l) element = l.elementType();
        else if (type instanceof VectorType v) {
            if (list.elements().size() != v.dimension()) {
                throw new InvalidRequestException("Invalid vector literal for " + receiver + " of type " + type.cqlName()
                        + "; expected " + v.dimension() + " elements, but given " + list.elements().size());
            }
            element = v.elementType();
        } else throw new InvalidRequestException("Invalid list literal for " + receiver + " of type " + type.cqlName());
        List<BoundValue> elements = elements(list.elements(), element, receiver, "list", variables);
        return context -> {
            List<Object> values = new ArrayList<>(elements.size());
            for (BoundValue e : elements) values.add(elementValue(e, element, context, receiver, "list"));
            return type.serialize(values);
        };
    }

    private static BoundValue set(Term.SetLiteral set, CqlType type, String receiver, BindVariables variables) {
        if (!(type instanceof SetType s)) {
            throw new InvalidRequestException("Invalid set literal for " + receiver + " of type " + type.cqlName());
        }
        List<BoundValue> elements = elements(set.elements(), s.elementType(), receiver, "set", variables);
        return context -> {
            java.util.Set<Object> values = new java.util.LinkedHashSet<>();
            for (BoundValue e : elements) values.add(elementValue(e, s.elementType(), context, receiver, "set"));
            return type.serialize(values);
        };
    }

    private static BoundValue map(Term.MapLiteral map, CqlType type, String receiver, BindVariables variables) {
        if (map.entries().isEmpty()) {
            if (type instanceof SetType || type instanceof MapType) return BoundValue.constant(type.serialize(type instanceof SetType ? java.util.Set.of() : Map.of()));
            if (type instanceof UserType) return BoundValue.constant(type.serialize(new UdtValue(Map.of())));
        }
        if (type instanceof UserType user) {
            Map<ColumnIdentifier, Term> fields = new LinkedHashMap<>();
            for (Term.MapEntry entry : map.entries()) {
                if (!(entry.key() instanceof Term.Literal key) || key.kind() != Term.LiteralKind.STRING) {
                    throw new InvalidRequestException("Invalid user type literal for " + receiver + " of type " + type.cqlName());
                }
                fields.put(new ColumnIdentifier(key.text()), entry.value());
            }
            return udt(new Term.UdtLiteral(fields), user, receiver, variables);
        }
        if (!(type instanceof MapType m)) {
            throw new InvalidRequestException("Invalid map literal for " + receiver + " of type " + type.cqlName());
        }
        List<BoundValue> keys = new ArrayList<>(), values = new ArrayList<>();
        for (Term.MapEntry entry : map.entries()) {
            keys.add(resolve(entry.key(), m.keyType(), receiver, variables));
            values.add(resolve(entry.value(), m.valueType(), receiver, variables));
        }
        return context -> {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                result.put(elementValue(keys.get(i), m.keyType(), context, receiver, "map"),
                        elementValue(values.get(i), m.valueType(), context, receiver, "map"));
            }
            return type.serialize(result);
        };
    }

    private static BoundValue udt(Term.UdtLiteral literal, CqlType type, String receiver, BindVariables variables) {
        if (!(type instanceof UserType user)) {
            throw new InvalidRequestException("Invalid user type literal for " + receiver + " of type " + type.cqlName());
        }
        Map<String, BoundValue> fields = new LinkedHashMap<>();
        for (var entry : literal.fields().entrySet()) {
            int index = user.fieldIndex(entry.getKey().name());
            if (index < 0) {
                throw new InvalidRequestException("Unknown field '" + entry.getKey().name() + "' in value of user defined type " + user.name());
            }
            fields.put(entry.getKey().name(), resolve(entry.getValue(), user.fieldTypes().get(index), receiver + "." + entry.getKey().name(), variables));
        }
        return context -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (var f : fields.entrySet()) {
                ByteBuffer bytes = f.getValue().bind(context);
                values.put(f.getKey(), bytes == null || bytes == QueryOptions.UNSET ? null
                        : user.fieldTypes().get(user.fieldIndex(f.getKey())).deserialize(bytes));
            }
            return type.serialize(new UdtValue(values));
        };
    }

    private static BoundValue tuple(Term.TupleLiteral literal, CqlType type, String receiver, BindVariables variables) {
        if (!(type instanceof TupleType tuple)) {
            if (literal.elements().size() == 1) return resolve(literal.elements().get(0), type, receiver, variables);
            throw new InvalidRequestException("Invalid tuple literal for " + receiver + " of type " + type.cqlName());
        }
        if (literal.elements().size() > tuple.size()) {
            throw new InvalidRequestException("Invalid tuple literal for " + receiver + ": too many elements. Type "
                    + type.cqlName() + " expects " + tuple.size() + " but got " + literal.elements().size());
        }
        List<BoundValue> elements = new ArrayList<>();
        for (int i = 0; i < literal.elements().size(); i++) {
            elements.add(resolve(literal.elements().get(i), tuple.type(i), receiver, variables));
        }
        return context -> {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                ByteBuffer bytes = elements.get(i).bind(context);
                values.add(bytes == null || bytes == QueryOptions.UNSET ? null : tuple.type(i).deserialize(bytes));
            }
            return type.serialize(new TupleValue(values));
        };
    }

    private static List<BoundValue> elements(List<Term> terms, CqlType element, String receiver, String kind, BindVariables variables) {
        List<BoundValue> bound = new ArrayList<>(terms.size());
        for (Term t : terms) {
            try {
                bound.add(resolve(t, element, receiver, variables));
            } catch (InvalidRequestException e) {
                if (t instanceof Term.Literal literal) {
                    throw new InvalidRequestException("Invalid " + kind + " literal for " + receiver + ": value "
                            + (literal.kind() == Term.LiteralKind.STRING ? "'" + literal.text() + "'" : literal.text())
                            + " is not of type " + element.cqlName());
                }
                throw e;
            }
        }
        return bound;
    }

    private static Object elementValue(BoundValue value, CqlType type, org.charybdis.server.cql.ExecutionContext context,
                                       String receiver, String kind) {
        ByteBuffer bytes = value.bind(context);
        if (bytes == null) throw new InvalidRequestException("null is not supported inside collections");
        if (bytes == QueryOptions.UNSET) throw new InvalidRequestException("unset value is not supported inside collections");
        return type.deserialize(bytes);
    }
}
