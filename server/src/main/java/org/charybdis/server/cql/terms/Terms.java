package org.charybdis.server.cql.terms;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.RawType;
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
import org.charybdis.server.cql.statements.schema.ColumnTypes;
import org.charybdis.server.cql.terms.functions.TypeCompatibility;

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
            case Term.TypeHint hint -> typeHint(hint, type, receiver, variables);
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
        // a collection, tuple or UDT literal is bound per execution, but of literals alone it needs no execution
        if (isLiteral(term)) return value.bind(null);
        throw new InvalidRequestException("Expected a constant value for " + receiver);
    }

    private static boolean isLiteral(Term term) {
        return switch (term) {
            case Term.Literal ignored -> true;
            case Term.NullLiteral ignored -> true;
            case Term.TypeHint hint -> isLiteral(hint.term());
            case Term.ListLiteral list -> list.elements().stream().allMatch(Terms::isLiteral);
            case Term.SetLiteral set -> set.elements().stream().allMatch(Terms::isLiteral);
            case Term.TupleLiteral tuple -> tuple.elements().stream().allMatch(Terms::isLiteral);
            case Term.MapLiteral map -> map.entries().stream().allMatch(e -> isLiteral(e.key()) && isLiteral(e.value()));
            case Term.UdtLiteral udt -> udt.fields().values().stream().allMatch(Terms::isLiteral);
            default -> false;
        };
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

    /**
     * {@code (type)term}: the term is read as the hinted type, whose values must also be values of the receiver
     * (Cassandra's value compatibility: {@code (ascii)'x'} fits a text column, {@code (int)1} no bigint column).
     * Hints naming user types or collections leave the receiver to decide, once their user types are found.
     */
    private static BoundValue typeHint(Term.TypeHint hint, CqlType type, String receiver, BindVariables variables) {
        CqlType hinted = hint.type() instanceof RawType.Named n && n.isNative() ? NativeType.byName(n.name()) : null;
        if (hinted == null) {
            if (variables.schema() != null) checkHintedType(hint, type, receiver, variables);
            return resolve(hint.term(), type, receiver, variables);
        }
        if (hint.term() instanceof Term.Literal literal && !accepts((NativeType) hinted, literal.kind())) {
            throw new InvalidRequestException("Cannot cast value " + FunctionTerms.text(literal) + " to type " + hinted.cqlName());
        }
        if (!TypeCompatibility.isValueCompatible(type, hinted)) {
            throw new InvalidRequestException("Cannot assign value " + FunctionTerms.text(hint) + " to " + receiver
                    + " of type " + type.cqlName());
        }
        return resolve(hint.term(), type, receiver, variables); // Cassandra reads the term as the receiver's type
    }

    /**
     * A hint naming a collection, tuple or user type: the type must exist, take no constant, and its values be values of
     * the receiver (freezing included); the term is then read as the receiver's.
     */
    private static void checkHintedType(Term.TypeHint hint, CqlType type, String receiver, BindVariables variables) {
        CqlType hinted = ColumnTypes.resolve(hint.type(), variables.keyspace(), variables.schema());
        String hintedName = hintedTypeName(hint.type(), variables.keyspace());
        if (!assignable(hint.term(), hinted)) {
            throw new InvalidRequestException("Cannot cast value " + FunctionTerms.text(hint.term()) + " to type " + hintedName);
        }
        if (!TypeCompatibility.isValueCompatible(type, hinted)) {
            throw new InvalidRequestException("Cannot assign value (" + hintedName + ")" + FunctionTerms.text(hint.term()) + " to "
                    + receiver + " of type " + type.cqlName());
        }
    }

    /** A hint's type as Cassandra shows it: a user type with its keyspace. */
    public static String hintedTypeName(RawType type, String keyspace) {
        return type instanceof RawType.Named n && !n.isNative() && n.keyspace() == null && keyspace != null
                ? new RawType.Named(keyspace, n.name(), n.frozen()).toCqlString() : type.toCqlString();
    }

    /** Cassandra's constant rules: which literal kinds each type accepts. */
    static ByteBuffer literal(Term.Literal literal, CqlType type, String receiver) {
        if (!(type instanceof NativeType nativeType) || !accepts(nativeType, literal.kind())) {
            if (readsAnyConstant(type)) return parse(type, literal.text());
            throw new InvalidRequestException("Invalid " + literal.kind() + " constant (" + literal.text() + ") for \""
                    + receiver + "\" of type " + type.cqlName());
        }
        return parse(type, literal.text());
    }

    /**
     * Cassandra checks no constant given for a custom type or a tuple: the type's string form reads it (a lone
     * constant is a tuple's first component).
     */
    private static boolean readsAnyConstant(CqlType type) {
        return type instanceof org.charybdis.cql.types.CustomType || type instanceof TupleType;
    }

    private static ByteBuffer parse(CqlType type, String text) {
        try {
            return type.fromString(text);
        } catch (MarshalException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    private static boolean accepts(NativeType type, Term.LiteralKind kind) {
        // an integer fits a duration column, to be refused by the duration parser as Cassandra does
        return TypeCompatibility.accepts(type, kind) || (type == NativeType.DURATION && kind == Term.LiteralKind.INTEGER);
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
        } else {
            throw new InvalidRequestException("Unexpected receiver type '" + type.cqlName() + "'; only list and vector are expected");
        }
        String kind = type instanceof VectorType ? "vector" : "list";
        if (type instanceof ListType) checkNoMarkers(list.elements(), kind, receiver);
        List<BoundValue> elements = elements(list.elements(), element, receiver, kind, variables);
        BoundValue value = context -> {
            List<Object> values = new ArrayList<>(elements.size());
            for (BoundValue e : elements) values.add(elementValue(e, element, context, receiver, kind));
            return type.serialize(values);
        };
        // a literal of constants is a constant, so that selections and function arguments can use it
        boolean constant = elements.stream().allMatch(e -> e instanceof BoundValue.Constant);
        return constant ? BoundValue.constant(value.bind(null)) : value;
    }

    private static BoundValue set(Term.SetLiteral set, CqlType type, String receiver, BindVariables variables) {
        if (!(type instanceof SetType s)) {
            throw new InvalidRequestException("Invalid set literal for " + receiver + " of type " + type.cqlName());
        }
        checkNoMarkers(set.elements(), "set", receiver);
        List<BoundValue> elements = elements(set.elements(), s.elementType(), receiver, "set", variables);
        return context -> {
            java.util.Set<Object> values = new java.util.LinkedHashSet<>();
            for (BoundValue e : elements) values.add(elementValue(e, s.elementType(), context, receiver, "set"));
            return type.serialize(values);
        };
    }

    private static BoundValue map(Term.MapLiteral map, CqlType type, String receiver, BindVariables variables) {
        if (map.entries().isEmpty()) {
            // Cassandra reads {} as an empty set, which also fits a map
            if (type instanceof SetType || type instanceof MapType) return BoundValue.constant(type.serialize(type instanceof SetType ? java.util.Set.of() : Map.of()));
            throw new InvalidRequestException("Invalid set literal for " + receiver + " of type " + type.cqlName());
        }
        if (!(type instanceof MapType m)) {
            throw new InvalidRequestException("Invalid map literal for " + receiver + " of type " + type.cqlName());
        }
        List<Term> keysAndValues = new ArrayList<>();
        for (Term.MapEntry entry : map.entries()) keysAndValues.addAll(List.of(entry.key(), entry.value()));
        checkNoMarkers(keysAndValues, "map", receiver);
        List<BoundValue> keys = new ArrayList<>(), values = new ArrayList<>();
        for (Term.MapEntry entry : map.entries()) {
            keys.add(nested(entry.key(), m.keyType(), receiver, variables, "Invalid map literal for " + receiver + ": key "));
            values.add(nested(entry.value(), m.valueType(), receiver, variables, "Invalid map literal for " + receiver + ": value "));
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
            CqlType fieldType = user.fieldTypes().get(index);
            String name = entry.getKey().name();
            if (!assignable(entry.getValue(), fieldType)) {
                throw new InvalidRequestException("Invalid user type literal for " + receiver + ": field " + name
                        + " is not of type " + fieldType.cqlName());
            }
            fields.put(name, resolve(entry.getValue(), fieldType, receiver + "." + name, variables));
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
        if (type instanceof UserType user) return udt(positionalFields(literal, user, receiver), user, receiver, variables);
        if (!(type instanceof TupleType tuple)) {
            if (literal.elements().size() == 1) return resolve(literal.elements().get(0), type, receiver, variables);
            throw new InvalidRequestException("Invalid tuple type literal for " + receiver + " of type " + type.cqlName());
        }
        if (literal.elements().size() > tuple.size()) {
            throw new InvalidRequestException("Invalid tuple literal for " + receiver + ": too many elements. Type "
                    + type.cqlName() + " expects " + tuple.size() + " but got " + literal.elements().size());
        }
        List<BoundValue> elements = new ArrayList<>();
        for (int i = 0; i < literal.elements().size(); i++) {
            Term element = literal.elements().get(i);
            if (!assignable(element, tuple.type(i))) {
                throw new InvalidRequestException("Invalid tuple literal for " + receiver + ": component " + i
                        + " is not of type " + tuple.type(i).cqlName());
            }
            elements.add(resolve(element, tuple.type(i), receiver, variables));
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
        for (Term t : terms) bound.add(nested(t, element, receiver, variables, "Invalid " + kind + " literal for " + receiver + ": value "));
        return bound;
    }

    /** An element of a collection literal, refused as Cassandra does when its kind cannot fit the element type. */
    private static BoundValue nested(Term term, CqlType type, String receiver, BindVariables variables, String refusal) {
        if (!assignable(term, type)) {
            throw new InvalidRequestException(refusal + FunctionTerms.text(term) + " is not of type " + type.cqlName());
        }
        return resolve(term, type, receiver, variables);
    }

    /**
     * Cassandra's assignment test: false when the term cannot be a value of the type, looking into collection,
     * tuple and user type literals. A list literal passes so that resolving it gives Cassandra's own refusal.
     */
    private static boolean assignable(Term term, CqlType type) {
        return switch (term) {
            case Term.Literal literal -> type instanceof NativeType n ? accepts(n, literal.kind()) : readsAnyConstant(type);
            case Term.ListLiteral list -> switch (type) {
                case ListType l -> list.elements().stream().allMatch(e -> assignable(e, l.elementType()));
                case VectorType v -> list.elements().stream().allMatch(e -> assignable(e, v.elementType()));
                default -> true;
            };
            case Term.SetLiteral set -> type instanceof SetType s && set.elements().stream().allMatch(e -> assignable(e, s.elementType()));
            case Term.MapLiteral map -> map.entries().isEmpty() ? type instanceof SetType || type instanceof MapType
                    : type instanceof MapType m && map.entries().stream()
                            .allMatch(e -> assignable(e.key(), m.keyType()) && assignable(e.value(), m.valueType()));
            case Term.UdtLiteral udt -> type instanceof UserType user && udt.fields().entrySet().stream().allMatch(f -> {
                int index = user.fieldIndex(f.getKey().name());
                return index >= 0 && assignable(f.getValue(), user.fieldTypes().get(index));
            });
            case Term.TupleLiteral tuple -> switch (type) {
                case TupleType t -> tuple.elements().size() <= t.size()
                        && java.util.stream.IntStream.range(0, tuple.elements().size()).allMatch(i -> assignable(tuple.elements().get(i), t.type(i)));
                case UserType u -> tuple.elements().size() <= u.fieldTypes().size()
                        && java.util.stream.IntStream.range(0, tuple.elements().size()).allMatch(i -> assignable(tuple.elements().get(i), u.fieldTypes().get(i)));
                default -> tuple.elements().size() == 1 && assignable(tuple.elements().get(0), type);
            };
            case Term.TypeHint hint -> !(hint.type() instanceof RawType.Named n && n.isNative())
                    || TypeCompatibility.isValueCompatible(type, NativeType.byName(n.name()));
            default -> true;
        };
    }

    /** Cassandra 5.0 takes no bind marker anywhere inside a list, set or map literal (a vector, tuple or UDT literal takes them). */
    private static void checkNoMarkers(List<Term> elements, String kind, String receiver) {
        if (elements.stream().anyMatch(Terms::hasMarker)) {
            throw new InvalidRequestException("Invalid " + kind + " literal for " + receiver + ": bind variables are not supported inside collection literals");
        }
    }

    private static boolean hasMarker(Term term) {
        return switch (term) {
            case Term.BindMarker ignored -> true;
            case Term.TypeHint hint -> hasMarker(hint.term());
            case Term.ListLiteral list -> list.elements().stream().anyMatch(Terms::hasMarker);
            case Term.SetLiteral set -> set.elements().stream().anyMatch(Terms::hasMarker);
            case Term.TupleLiteral tuple -> tuple.elements().stream().anyMatch(Terms::hasMarker);
            case Term.MapLiteral map -> map.entries().stream().anyMatch(e -> hasMarker(e.key()) || hasMarker(e.value()));
            case Term.UdtLiteral udt -> udt.fields().values().stream().anyMatch(Terms::hasMarker);
            case Term.FunctionCall call -> call.arguments().stream().anyMatch(Terms::hasMarker);
            case Term.Arithmetic arithmetic -> hasMarker(arithmetic.left()) || hasMarker(arithmetic.right());
            case Term.Negation negation -> hasMarker(negation.operand());
            case Term.Literal ignored -> false;
            case Term.NullLiteral ignored -> false;
        };
    }

    /** A tuple literal given to a user type: its components are the fields, in order. */
    private static Term.UdtLiteral positionalFields(Term.TupleLiteral literal, UserType user, String receiver) {
        if (literal.elements().size() > user.fieldNames().size()) {
            throw new InvalidRequestException("Invalid tuple literal for " + receiver + ": too many elements. Type "
                    + user.cqlName() + " expects " + user.fieldNames().size() + " but got " + literal.elements().size());
        }
        Map<ColumnIdentifier, Term> fields = new LinkedHashMap<>();
        for (int i = 0; i < literal.elements().size(); i++) {
            CqlType fieldType = user.fieldTypes().get(i);
            if (!assignable(literal.elements().get(i), fieldType)) {
                throw new InvalidRequestException("Invalid tuple literal for " + receiver + ": component " + i
                        + " is not of type " + fieldType.cqlName());
            }
            fields.put(new ColumnIdentifier(user.fieldNames().get(i)), literal.elements().get(i));
        }
        return new Term.UdtLiteral(fields);
    }

    private static Object elementValue(BoundValue value, CqlType type, org.charybdis.server.cql.ExecutionContext context,
                                       String receiver, String kind) {
        ByteBuffer bytes = value.bind(context);
        if (bytes == null) throw new InvalidRequestException("null is not supported inside " + (kind.equals("vector") ? "vectors" : "collections"));
        if (bytes == QueryOptions.UNSET) throw new InvalidRequestException("unset value is not supported inside collections");
        return type.deserialize(bytes);
    }
}
