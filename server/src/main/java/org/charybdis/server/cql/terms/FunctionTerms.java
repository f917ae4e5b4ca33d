package org.charybdis.server.cql.terms;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.syntax.RawType;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.terms.functions.Aggregates;
import org.charybdis.server.cql.terms.functions.Assignment;
import org.charybdis.server.cql.terms.functions.FunctionArgument;
import org.charybdis.server.cql.terms.functions.FunctionResolver;
import org.charybdis.server.cql.terms.functions.JsonFunctions;
import org.charybdis.server.cql.terms.functions.NativeFunction;
import org.charybdis.server.cql.terms.functions.Operations;
import org.charybdis.server.cql.terms.functions.ScalarFunction;
import org.charybdis.server.cql.terms.functions.TypeCompatibility;

import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.storage.dht.Murmur3Partitioner;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Function calls and arithmetic used as values (INSERT/UPDATE values, WHERE terms): the overload is
 * chosen against the receiver's type; calls whose arguments are all constants and whose result does
 * not change between executions are computed once, at compile time.
 */
final class FunctionTerms {
    private FunctionTerms() {}

    static BoundValue call(Term.FunctionCall call, CqlType receiverType, String receiver, BindVariables variables) {
        ScalarFunction function = resolve(call, receiverType, receiver);
        List<BoundValue> args = new ArrayList<>(call.arguments().size());
        for (int i = 0; i < call.arguments().size(); i++) {
            args.add(Terms.resolve(call.arguments().get(i), function.argTypes().get(i), argument(function, i), variables));
        }
        return apply(function, args);
    }

    /** What a function's argument is named in errors and prepared metadata, e.g. {@code arg0(system._add)}. */
    private static String argument(ScalarFunction function, int index) {
        return "arg" + index + "(" + function.qualifiedName() + ")";
    }

    static BoundValue arithmetic(Term.Arithmetic arithmetic, CqlType receiverType, String receiver, BindVariables variables) {
        if (arithmetic.left() instanceof Term.BindMarker || arithmetic.right() instanceof Term.BindMarker) {
            throw Operations.ambiguous(arithmetic.operator(), operandText(arithmetic.left()), operandText(arithmetic.right()));
        }
        CqlType left = operandType(arithmetic.left(), receiverType);
        CqlType right = operandType(arithmetic.right(), receiverType);
        ScalarFunction function = Operations.binary(arithmetic.operator(), left, right);
        if (function == null) {
            throw new InvalidRequestException("the '" + arithmetic.operator().symbol() + "' operation is not supported between "
                    + text(arithmetic.left()) + " and " + text(arithmetic.right()));
        }
        checkResult(function, receiverType, receiver);
        return apply(function, List.of(
                Terms.resolve(arithmetic.left(), left, argument(function, 0), variables),
                Terms.resolve(arithmetic.right(), right, argument(function, 1), variables)));
    }

    /** An operand as Cassandra's arithmetic errors show it: a marker, named or not, is {@code ?}. */
    private static String operandText(Term operand) {
        return operand instanceof Term.BindMarker ? "?" : text(operand);
    }

    static BoundValue negation(Term.Negation negation, CqlType receiverType, String receiver, BindVariables variables) {
        CqlType type = operandType(negation.operand(), receiverType);
        ScalarFunction function = Operations.negation(type);
        if (function == null) {
            throw new InvalidRequestException("Unsupported negation of " + text(negation.operand()) + " of type " + type.cqlName());
        }
        checkResult(function, receiverType, receiver);
        return apply(function, List.of(Terms.resolve(negation.operand(), type, argument(function, 0), variables)));
    }

    static boolean isToken(Term.FunctionCall call) {
        String keyspace = call.function().keyspace();
        return call.function().name().equalsIgnoreCase("token") && (keyspace == null || keyspace.equals("system"));
    }

    /** {@code token(a, b)} of values of the partition key's types: the Murmur3 token of the key they make. */
    static BoundValue token(Term.FunctionCall call, List<CqlType> keyTypes, BindVariables variables) {
        if (call.arguments().size() != keyTypes.size()) {
            throw new InvalidRequestException("Invalid number of arguments in call to function system.token: " + keyTypes.size()
                    + " required but " + call.arguments().size() + " provided");
        }
        List<BoundValue> args = new ArrayList<>(keyTypes.size());
        for (int i = 0; i < keyTypes.size(); i++) {
            args.add(Terms.resolve(call.arguments().get(i), keyTypes.get(i), "arg" + i + "(system.token)", variables));
        }
        return apply(ScalarFunction.of("token", NativeType.BIGINT, keyTypes,
                values -> NativeType.BIGINT.serialize(Murmur3Partitioner.token(PartitionKeys.serialize(Arrays.asList(values))))), args);
    }

    /** The type a term has by itself (a type hint, a function's result), or null when only its receiver decides. */
    static CqlType intrinsicType(Term term) {
        return switch (term) {
            case Term.TypeHint hint -> hint.type() instanceof RawType.Named n && n.isNative() ? NativeType.byName(n.name()) : null;
            case Term.FunctionCall call when JsonFunctions.isFromJson(call.function()) -> null;
            case Term.FunctionCall call -> resolve(call, null, null).returnType();
            case Term.Negation negation -> intrinsicType(negation.operand());
            case Term.Arithmetic a -> {
                CqlType left = intrinsicType(a.left());
                CqlType right = intrinsicType(a.right());
                ScalarFunction f = left == null || right == null ? null : Operations.binary(a.operator(), left, right);
                yield f == null ? null : f.returnType();
            }
            default -> null;
        };
    }

    /** A term as Cassandra prints it in errors. */
    static String text(Term term) {
        return switch (term) {
            case Term.Literal l -> l.kind() == Term.LiteralKind.STRING ? "'" + l.text().replace("'", "''") + "'" : l.text();
            case Term.NullLiteral ignored -> "null";
            case Term.BindMarker m -> m.name() == null ? "?" : ":" + m.name();
            case Term.FunctionCall call -> {
                StringBuilder s = new StringBuilder(qualified(call.function())).append('(');
                for (int i = 0; i < call.arguments().size(); i++) s.append(i == 0 ? "" : ", ").append(text(call.arguments().get(i)));
                yield s.append(')').toString();
            }
            case Term.TypeHint hint -> "(" + hint.type().toCqlString() + ")" + text(hint.term());
            case Term.Arithmetic a -> text(a.left()) + " " + a.operator().symbol() + " " + text(a.right());
            case Term.Negation n -> "-" + text(n.operand());
            case Term.ListLiteral l -> joined(l.elements(), "[", "]");
            case Term.SetLiteral set -> joined(set.elements(), "{", "}");
            case Term.TupleLiteral t -> joined(t.elements(), "(", ")");
            case Term.MapLiteral map -> {
                StringBuilder s = new StringBuilder("{");
                for (int i = 0; i < map.entries().size(); i++) {
                    s.append(i == 0 ? "" : ", ").append(text(map.entries().get(i).key())).append(": ").append(text(map.entries().get(i).value()));
                }
                yield s.append('}').toString();
            }
            case Term.UdtLiteral udt -> {
                StringBuilder s = new StringBuilder("{");
                udt.fields().forEach((field, value) -> s.append(s.length() == 1 ? "" : ", ").append(field).append(": ").append(text(value)));
                yield s.append('}').toString();
            }
        };
    }

    private static String joined(List<Term> terms, String open, String close) {
        StringBuilder s = new StringBuilder(open);
        for (int i = 0; i < terms.size(); i++) s.append(i == 0 ? "" : ", ").append(text(terms.get(i)));
        return s.append(close).toString();
    }

    private static String qualified(QualifiedName name) {
        return name.keyspace() == null ? "system." + name.name().toLowerCase(Locale.ROOT) : name.toString().toLowerCase(Locale.ROOT);
    }

    private static ScalarFunction resolve(Term.FunctionCall call, CqlType receiverType, String receiver) {
        String name = call.function().name().toLowerCase(Locale.ROOT);
        if (Aggregates.NAMES.contains(name) && call.function().keyspace() == null) {
            throw new InvalidRequestException("Aggregation function are not supported in the where clause");
        }
        List<FunctionArgument> args = new ArrayList<>(call.arguments().size());
        for (Term t : call.arguments()) args.add(argument(t));
        QualifiedName qualified = new QualifiedName(call.function().keyspace(), name);
        NativeFunction function = FunctionResolver.resolve(qualified, args, receiverType, receiver, FunctionResolver.Context.TERM);
        if (!(function instanceof ScalarFunction scalar)) {
            throw new InvalidRequestException("Aggregation function are not supported in the where clause");
        }
        return scalar;
    }

    static FunctionArgument argument(Term term) {
        String text = text(term);
        if (term instanceof Term.Literal literal) {
            return new FunctionArgument() {
                @Override
                public Assignment assignmentTo(CqlType type) {
                    return TypeCompatibility.assignment(literal, type);
                }

                @Override
                public String text() {
                    return text;
                }

                @Override
                public CqlType ownType() {
                    return TypeCompatibility.preferredType(literal);
                }
            };
        }
        CqlType type = intrinsicType(term);
        if (type != null) return FunctionArgument.typed(type, text);
        // markers, nulls and collection literals fit any type as far as overloads are concerned
        return new FunctionArgument() {
            @Override
            public Assignment assignmentTo(CqlType t) {
                return Assignment.WEAK;
            }

            @Override
            public String text() {
                return text;
            }

            @Override
            public int listLiteralSize() {
                return term instanceof Term.ListLiteral list ? list.elements().size() : -1;
            }
        };
    }

    /** The operand's own type, a duration for a duration literal, else the receiver's type. */
    /**
     * An operand's type: its own, else the receiver's, unless it is a constant the receiver's type cannot read
     * ({@code 'a'} in {@code 1 + 'a'} for an int): then the constant's own type, which no operation may take.
     */
    private static CqlType operandType(Term operand, CqlType receiverType) {
        if (operand instanceof Term.Literal l && l.kind() == Term.LiteralKind.DURATION) return NativeType.DURATION;
        CqlType intrinsic = intrinsicType(operand);
        if (intrinsic != null) return intrinsic;
        if (operand instanceof Term.Literal l && receiverType instanceof NativeType n && !TypeCompatibility.accepts(n, l.kind())) {
            return TypeCompatibility.preferredType(l);
        }
        return receiverType;
    }

    private static void checkResult(ScalarFunction function, CqlType receiverType, String receiver) {
        if (TypeCompatibility.isValueCompatible(receiverType, function.returnType())) return;
        throw new InvalidRequestException("Type error: cannot assign result of function system." + function.name() + " (type "
                + function.returnType().cqlName() + ") to " + receiver + " (type " + receiverType.cqlName() + ")");
    }

    private static BoundValue apply(ScalarFunction function, List<BoundValue> args) {
        BoundValue[] arguments = args.toArray(new BoundValue[0]);
        BoundValue value = context -> {
            ByteBuffer[] values = new ByteBuffer[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                values[i] = arguments[i].bind(context);
                if (values[i] == QueryOptions.UNSET) {
                    throw new InvalidRequestException("Invalid unset value for argument in call to function " + function.name());
                }
            }
            return function.execute(values);
        };
        if (!function.deterministic()) return value;
        for (BoundValue a : arguments) {
            if (!(a instanceof BoundValue.Constant)) return value;
        }
        return BoundValue.constant(value.bind(null));
    }
}
