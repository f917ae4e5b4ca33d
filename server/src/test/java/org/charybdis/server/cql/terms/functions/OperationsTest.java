package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.FunctionFailureException;
import org.charybdis.cql.syntax.ArithmeticOperator;
import org.charybdis.cql.types.CqlDuration;
import org.charybdis.cql.types.NativeType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationsTest {
    private static Object apply(ArithmeticOperator op, NativeType l, Object a, NativeType r, Object b) {
        ScalarFunction f = Operations.binary(op, l, r);
        return f.returnType().deserialize(f.execute(new ByteBuffer[] {l.serialize(a), r.serialize(b)}));
    }

    @Test
    void numericResultTypesFollowCassandrasPromotion() {
        assertThat(Operations.binary(ArithmeticOperator.ADD, NativeType.INT, NativeType.FLOAT).returnType()).isEqualTo(NativeType.FLOAT);
        assertThat(Operations.binary(ArithmeticOperator.MULTIPLY, NativeType.FLOAT, NativeType.BIGINT).returnType()).isEqualTo(NativeType.DOUBLE);
        assertThat(Operations.binary(ArithmeticOperator.ADD, NativeType.SMALLINT, NativeType.TINYINT).returnType()).isEqualTo(NativeType.SMALLINT);
        assertThat(Operations.binary(ArithmeticOperator.MULTIPLY, NativeType.VARINT, NativeType.DOUBLE).returnType()).isEqualTo(NativeType.DECIMAL);
        assertThat(Operations.binary(ArithmeticOperator.ADD, NativeType.BIGINT, NativeType.VARINT).returnType()).isEqualTo(NativeType.VARINT);
        assertThat(Operations.binary(ArithmeticOperator.ADD, NativeType.TEXT, NativeType.INT)).isNull();
    }

    @Test
    void integralArithmeticWrapsAndDecimalDivisionKeeps32Digits() {
        assertThat(apply(ArithmeticOperator.ADD, NativeType.INT, Integer.MAX_VALUE, NativeType.INT, 8)).isEqualTo(Integer.MIN_VALUE + 7);
        assertThat(apply(ArithmeticOperator.MODULO, NativeType.INT, -7, NativeType.INT, 2)).isEqualTo(-1);
        assertThat(apply(ArithmeticOperator.DIVIDE, NativeType.DECIMAL, new BigDecimal("1.1"), NativeType.INT, 3))
                .isEqualTo(new BigDecimal("0.36666666666666666666666666666667"));
        assertThatThrownBy(() -> apply(ArithmeticOperator.DIVIDE, NativeType.BIGINT, 1L, NativeType.INT, 0))
                .isInstanceOf(FunctionFailureException.class).hasMessage("the operation 'bigint / int' failed: / by zero");
    }

    @Test
    void durationsShiftTimestampsByCalendarMonths() {
        assertThat(apply(ArithmeticOperator.ADD, NativeType.TIMESTAMP, Instant.parse("2024-01-31T00:00:00Z"),
                NativeType.DURATION, new CqlDuration(1, 0, 0))).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(apply(ArithmeticOperator.SUBTRACT, NativeType.TIMESTAMP, Instant.parse("2024-03-01T10:00:00Z"),
                NativeType.DURATION, new CqlDuration(0, 1, 3_600_000_000_000L))).isEqualTo(Instant.parse("2024-02-29T09:00:00Z"));
    }

    @Test
    void negationWrapsLikeJava() {
        ScalarFunction negate = Operations.negation(NativeType.TINYINT);
        assertThat(NativeType.TINYINT.deserialize(negate.execute(new ByteBuffer[] {NativeType.TINYINT.serialize((byte) -128)})))
                .isEqualTo((byte) -128);
        assertThat(Operations.negation(NativeType.TEXT)).isNull();
    }
}
