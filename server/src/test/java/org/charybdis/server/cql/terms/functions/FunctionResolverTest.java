package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.NativeType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionResolverTest {
    private static FunctionArgument literal(Term.LiteralKind kind, String text) {
        Term.Literal l = new Term.Literal(kind, text);
        return new FunctionArgument() {
            @Override
            public Assignment assignmentTo(org.charybdis.cql.types.CqlType type) {
                return TypeCompatibility.assignment(l, type);
            }

            @Override
            public String text() {
                return text;
            }
        };
    }

    @Test
    void exactMatchWinsOverWeakOnes() {
        NativeFunction abs = FunctionResolver.resolve(QualifiedName.unqualified("abs"), List.of(literal(Term.LiteralKind.INTEGER, "-5")),
                null, null, FunctionResolver.Context.SELECTION);
        assertThat(abs.argTypes()).containsExactly(NativeType.INT);
        NativeFunction big = FunctionResolver.resolve(QualifiedName.unqualified("abs"), List.of(literal(Term.LiteralKind.INTEGER, "3000000000")),
                null, null, FunctionResolver.Context.SELECTION);
        assertThat(big.argTypes()).containsExactly(NativeType.BIGINT);
    }

    @Test
    void theReceiverNarrowsOverloadsInTerms() {
        NativeFunction abs = FunctionResolver.resolve(QualifiedName.unqualified("abs"), List.of(literal(Term.LiteralKind.INTEGER, "-3")),
                NativeType.DOUBLE, "d", FunctionResolver.Context.TERM);
        assertThat(abs.returnType()).isEqualTo(NativeType.DOUBLE);
        assertThatThrownBy(() -> FunctionResolver.resolve(QualifiedName.unqualified("abs"), List.of(FunctionArgument.typed(NativeType.INT, "?")),
                NativeType.TEXT, "t", FunctionResolver.Context.TERM))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("Invalid call to function abs, none of its type signatures match");
    }

    @Test
    void unknownFunctionsAndOtherKeyspaces() {
        assertThatThrownBy(() -> FunctionResolver.resolve(new QualifiedName("ks", "abs"), List.of(), null, null, FunctionResolver.Context.SELECTION))
                .hasMessage("Unknown function 'ks.abs'");
        assertThatThrownBy(() -> FunctionResolver.resolve(QualifiedName.unqualified("nope"), List.of(), NativeType.INT, "i", FunctionResolver.Context.TERM))
                .hasMessage("Unknown function nope called");
    }

    @Test
    void decimalLogarithmsHave32SignificantDigits() {
        assertThat(DecimalMath.log10(new BigDecimal("1000"))).isEqualByComparingTo("3");
        assertThat(DecimalMath.exp(BigDecimal.ZERO)).isEqualByComparingTo("1");
        assertThat(DecimalMath.log(new BigDecimal("1.1")).precision()).isEqualTo(32);
        ScalarFunction castText = (ScalarFunction) FunctionResolver.resolve(new QualifiedName("system", "cast_as_text"),
                List.of(FunctionArgument.typed(NativeType.DOUBLE, "d")), null, null, FunctionResolver.Context.SELECTION);
        assertThat(NativeType.TEXT.deserialize(castText.execute(new ByteBuffer[] {NativeType.DOUBLE.serialize(1.0)}))).isEqualTo("1.0");
    }
}
