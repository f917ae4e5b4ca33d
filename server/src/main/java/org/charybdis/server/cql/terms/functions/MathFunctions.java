package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.NativeType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * abs, exp, log, log10 and round for every numeric type; each returns its argument's type, so
 * integral results are truncated ({@code exp(int)} is an int) as in Cassandra.
 */
final class MathFunctions {
    private MathFunctions() {}

    static List<NativeFunction> all() {
        List<NativeFunction> all = new ArrayList<>();
        for (NativeType type : Numbers.TYPES) {
            all.add(unary("abs", type, Math::abs, BigDecimal::abs, BigInteger::abs));
            all.add(unary("exp", type, Math::exp, DecimalMath::exp, i -> DecimalMath.exp(new BigDecimal(i)).toBigInteger()));
            all.add(unary("log", type, Math::log, DecimalMath::log, i -> DecimalMath.log(new BigDecimal(i)).toBigInteger()));
            all.add(unary("log10", type, Math::log10, DecimalMath::log10, i -> DecimalMath.log10(new BigDecimal(i)).toBigInteger()));
            all.add(round(type));
        }
        return all;
    }

    private static ScalarFunction unary(String name, NativeType type, DoubleUnaryOperator onDouble,
                                        UnaryOperator<BigDecimal> onDecimal, UnaryOperator<BigInteger> onVarint) {
        return ScalarFunction.of(name, type, List.of(type), args -> {
            Number n = Numbers.read(type, args[0]);
            Number result = switch (type) {
                case DECIMAL -> onDecimal.apply((BigDecimal) n);
                case VARINT -> onVarint.apply((BigInteger) n);
                case FLOAT -> (float) onDouble.applyAsDouble(n.floatValue());
                case DOUBLE -> onDouble.applyAsDouble(n.doubleValue());
                // integral types: abs stays exact (and wraps like Java's), the others truncate
                default -> name.equals("abs") ? Math.abs(n.longValue()) : (long) onDouble.applyAsDouble(n.longValue());
            };
            return Numbers.write(type, result);
        });
    }

    private static ScalarFunction round(NativeType type) {
        return ScalarFunction.of("round", type, List.of(type), args -> {
            Number n = Numbers.read(type, args[0]);
            Number result = switch (type) {
                case FLOAT -> (float) Math.round(n.floatValue());
                case DOUBLE -> (double) Math.round(n.doubleValue());
                case DECIMAL -> ((BigDecimal) n).setScale(0, RoundingMode.HALF_UP);
                default -> n;
            };
            return Numbers.write(type, result);
        });
    }
}
