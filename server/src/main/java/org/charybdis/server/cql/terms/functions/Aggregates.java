package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.terms.functions.AggregateFunction.Aggregator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The native aggregates with Cassandra's result types: {@code count} (bigint), {@code min}/{@code max}
 * of any type, {@code sum}/{@code avg} of a numeric type in that same type (integral averages truncate;
 * an empty input sums and averages to 0).
 */
public final class Aggregates {
    /** Names that make a call an aggregate, whatever its arguments. */
    public static final Set<String> NAMES = Set.of("count", "min", "max", "sum", "avg");

    private Aggregates() {}

    /** {@code count(*)} and {@code count(1)}: the number of rows. */
    public static AggregateFunction countRows() {
        return new AggregateFunction("count", List.of(), NativeType.BIGINT, () -> new Aggregator() {
            private long count;

            @Override
            public void add(ByteBuffer value) {
                count++;
            }

            @Override
            public ByteBuffer result() {
                return NativeType.BIGINT.serialize(count);
            }
        });
    }

    /** {@code count(x)}: the number of rows where x is not null. */
    public static AggregateFunction count(CqlType type) {
        return new AggregateFunction("count", List.of(type), NativeType.BIGINT, () -> new Aggregator() {
            private long count;

            @Override
            public void add(ByteBuffer value) {
                if (value != null) count++;
            }

            @Override
            public ByteBuffer result() {
                return NativeType.BIGINT.serialize(count);
            }
        });
    }

    public static AggregateFunction min(CqlType type) {
        return extreme("min", type, -1);
    }

    public static AggregateFunction max(CqlType type) {
        return extreme("max", type, 1);
    }

    /** sum and avg for every numeric type. */
    static List<NativeFunction> numeric() {
        List<NativeFunction> all = new ArrayList<>();
        for (NativeType type : Numbers.TYPES) all.add(new AggregateFunction("sum", List.of(type), type, () -> new Sum(type, false)));
        for (NativeType type : Numbers.TYPES) all.add(new AggregateFunction("avg", List.of(type), type, () -> new Sum(type, true)));
        return all;
    }

    private static AggregateFunction extreme(String name, CqlType type, int sign) {
        return new AggregateFunction(name, List.of(type), type, () -> new Aggregator() {
            private ByteBuffer best;

            @Override
            public void add(ByteBuffer value) {
                if (value == null || !value.hasRemaining() && type.deserialize(value) == null) return;
                if (best == null || Integer.signum(type.compare(value, best)) == sign) best = value;
            }

            @Override
            public ByteBuffer result() {
                return best;
            }
        });
    }

    /** Sums in a type wide enough not to lose anything, and converts to the argument's type at the end. */
    private static final class Sum implements Aggregator {
        private final NativeType type;
        private final boolean average;
        private long count;
        private long longSum;
        private double doubleSum;
        private double compensation;
        private BigDecimal decimalSum = BigDecimal.ZERO;
        private BigInteger varintSum = BigInteger.ZERO;

        Sum(NativeType type, boolean average) {
            this.type = type;
            this.average = average;
        }

        @Override
        public void add(ByteBuffer value) {
            if (value == null || !value.hasRemaining()) return;
            Number n = Numbers.read(type, value);
            count++;
            switch (type) {
                case FLOAT, DOUBLE -> kahan(n.doubleValue());
                case DECIMAL -> decimalSum = decimalSum.add((BigDecimal) n);
                case VARINT -> varintSum = varintSum.add((BigInteger) n);
                default -> longSum += n.longValue();
            }
        }

        /** Compensated summation, as Cassandra sums floating point values. */
        private void kahan(double v) {
            double y = v - compensation;
            double t = doubleSum + y;
            compensation = (t - doubleSum) - y;
            doubleSum = t;
        }

        @Override
        public ByteBuffer result() {
            Number result = switch (type) {
                case FLOAT, DOUBLE -> average ? (count == 0 ? 0d : doubleSum / count) : doubleSum;
                case DECIMAL -> average && count > 0
                        ? decimalSum.divide(BigDecimal.valueOf(count), RoundingMode.HALF_EVEN) : decimalSum;
                case VARINT -> average && count > 0 ? varintSum.divide(BigInteger.valueOf(count)) : varintSum;
                default -> average ? (count == 0 ? 0L : longSum / count) : longSum;
            };
            return Numbers.write(type, result);
        }
    }
}
