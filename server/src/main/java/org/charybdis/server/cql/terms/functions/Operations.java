package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.FunctionFailureException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.ArithmeticOperator;
import org.charybdis.cql.types.CqlDuration;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The arithmetic operators as Cassandra 5.0 defines them: {@code + - * / %} between numbers (with
 * its result-type promotion), timestamp or date plus or minus a duration, text concatenation with
 * {@code +}, and unary minus on numbers.
 */
public final class Operations {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int MIN_DECIMAL_SCALE = 32;
    private static final int MAX_DECIMAL_SCALE = 1000;

    private Operations() {}

    /** The operation between values of those types, or null when Cassandra has none. */
    public static ScalarFunction binary(ArithmeticOperator op, CqlType left, CqlType right) {
        if (!(left instanceof NativeType l) || !(right instanceof NativeType r)) return null;
        if (Numbers.isNumeric(l) && Numbers.isNumeric(r)) return numeric(op, l, r);
        if ((l == NativeType.TIMESTAMP || l == NativeType.DATE) && r == NativeType.DURATION
                && (op == ArithmeticOperator.ADD || op == ArithmeticOperator.SUBTRACT)) {
            return temporal(op, l);
        }
        if (op == ArithmeticOperator.ADD && isText(l) && isText(r)) {
            NativeType result = l == NativeType.ASCII && r == NativeType.ASCII ? NativeType.ASCII : NativeType.TEXT;
            return ScalarFunction.of("_add", result, List.of(l, r), args -> concat(args[0], args[1]));
        }
        return null;
    }

    /**
     * Cassandra's refusal of an operation with an untyped bind marker as an operand (whatever the other operand
     * or the receiver): its operand texts name every marker {@code ?}.
     */
    public static InvalidRequestException ambiguous(ArithmeticOperator op, String left, String right) {
        return new InvalidRequestException("Ambiguous '" + op.symbol() + "' operation with args " + left + " and " + right
                + ": use type hint to disambiguate, example '(int) ?'");
    }

    /** Unary minus, or null for a type it does not apply to. */
    public static ScalarFunction negation(CqlType type) {
        if (!Numbers.isNumeric(type)) return null;
        NativeType t = (NativeType) type;
        return ScalarFunction.of("_negate", t, List.of(t), args -> {
            Number n = Numbers.read(t, args[0]);
            return Numbers.write(t, switch (t) {
                case DECIMAL -> ((BigDecimal) n).negate();
                case VARINT -> ((BigInteger) n).negate();
                case FLOAT -> -n.floatValue();
                case DOUBLE -> -n.doubleValue();
                default -> -n.longValue();
            });
        });
    }

    /** Cassandra's internal name of an operator's function ({@code _add}, {@code _substract}, ...). */
    static String functionName(ArithmeticOperator op) {
        return switch (op) {
            case ADD -> "_add";
            case SUBTRACT -> "_substract";
            case MULTIPLY -> "_multiply";
            case DIVIDE -> "_divide";
            case MODULO -> "_modulo";
        };
    }

    private static boolean isText(NativeType t) {
        return t == NativeType.TEXT || t == NativeType.ASCII;
    }

    private static ScalarFunction numeric(ArithmeticOperator op, NativeType l, NativeType r) {
        NativeType result = Numbers.resultType(l, r);
        String name = functionName(op);
        return ScalarFunction.of(name, result, List.of(l, r), args -> {
            Number a = Numbers.read(l, args[0]);
            Number b = Numbers.read(r, args[1]);
            try {
                return Numbers.write(result, compute(op, result, a, b));
            } catch (ArithmeticException e) {
                throw new FunctionFailureException("the operation '" + l.cqlName() + " " + op.symbol() + " " + r.cqlName()
                        + "' failed: " + e.getMessage(), "system", name, List.of(l.cqlName(), r.cqlName()));
            }
        });
    }

    private static Number compute(ArithmeticOperator op, NativeType result, Number a, Number b) {
        return switch (result) {
            case FLOAT -> {
                float x = a.floatValue(), y = b.floatValue();
                yield switch (op) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> x / y;
                    case MODULO -> x % y;
                };
            }
            case DOUBLE -> {
                double x = a.doubleValue(), y = b.doubleValue();
                yield switch (op) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> x / y;
                    case MODULO -> x % y;
                };
            }
            case DECIMAL -> decimal(op, Numbers.decimal(a), Numbers.decimal(b));
            case VARINT -> {
                BigInteger x = Numbers.integer(a), y = Numbers.integer(b);
                yield switch (op) {
                    case ADD -> x.add(y);
                    case SUBTRACT -> x.subtract(y);
                    case MULTIPLY -> x.multiply(y);
                    case DIVIDE -> x.divide(y);
                    case MODULO -> x.remainder(y);
                };
            }
            default -> {
                // integral results: computed in long and narrowed, so they wrap as Java's do
                long x = a.longValue(), y = b.longValue();
                yield switch (op) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> x / y;
                    case MODULO -> x % y;
                };
            }
        };
    }

    private static BigDecimal decimal(ArithmeticOperator op, BigDecimal x, BigDecimal y) {
        return switch (op) {
            case ADD -> x.add(y);
            case SUBTRACT -> x.subtract(y);
            case MULTIPLY -> x.multiply(y);
            case MODULO -> x.remainder(y);
            case DIVIDE -> {
                // enough digits for 32 significant ones in the quotient, as Cassandra divides decimals
                int firstDigit = (x.precision() - x.scale()) - (y.precision() - y.scale());
                int scale = Math.max(Math.max(MIN_DECIMAL_SCALE - firstDigit, x.scale()), Math.max(y.scale(), MIN_DECIMAL_SCALE));
                yield x.divide(y, Math.min(scale, MAX_DECIMAL_SCALE), RoundingMode.HALF_UP).stripTrailingZeros();
            }
        };
    }

    private static ScalarFunction temporal(ArithmeticOperator op, NativeType type) {
        boolean add = op == ArithmeticOperator.ADD;
        return ScalarFunction.of(functionName(op), type, List.of(type, NativeType.DURATION), args -> {
            CqlDuration d = (CqlDuration) NativeType.DURATION.deserialize(args[1]);
            long millis = TimeFunctions.millis(type, args[0]);
            long shifted = add ? plus(millis, d.months(), d.days(), d.nanoseconds())
                    : plus(millis, -d.months(), -d.days(), -d.nanoseconds());
            return TimeFunctions.fromMillis(type, shifted);
        });
    }

    /** Months and days by the UTC calendar, then the nanoseconds (as whole milliseconds). */
    private static long plus(long millis, int months, int days, long nanos) {
        if (months == 0) return millis + days * MILLIS_PER_DAY + nanos / 1_000_000;
        ZonedDateTime time = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).plusMonths(months).plusDays(days);
        return time.toInstant().toEpochMilli() + nanos / 1_000_000;
    }

    private static ByteBuffer concat(ByteBuffer a, ByteBuffer b) {
        ByteBuffer out = ByteBuffer.allocate(a.remaining() + b.remaining());
        out.put(a.duplicate()).put(b.duplicate()).flip();
        return out;
    }
}
