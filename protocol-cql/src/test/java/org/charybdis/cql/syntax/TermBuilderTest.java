package org.charybdis.cql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TermBuilderTest {

    private static Term term(String cql) {
        return CqlParser.parseTerm(cql);
    }

    private static Term literal(Term.LiteralKind kind, String text) {
        return new Term.Literal(kind, text);
    }

    @Test
    void strings() {
        assertThat(term("'it''s'")).isEqualTo(literal(Term.LiteralKind.STRING, "it's"));
        assertThat(term("''")).isEqualTo(literal(Term.LiteralKind.STRING, ""));
        assertThat(term("$$a 'quoted' $ body$$")).isEqualTo(literal(Term.LiteralKind.STRING, "a 'quoted' $ body"));
    }

    @Test
    void numbers() {
        assertThat(term("42")).isEqualTo(literal(Term.LiteralKind.INTEGER, "42"));
        assertThat(term("-42")).isEqualTo(literal(Term.LiteralKind.INTEGER, "-42"));
        assertThat(term("3.25")).isEqualTo(literal(Term.LiteralKind.FLOAT, "3.25"));
        assertThat(term("-1.5e-3")).isEqualTo(literal(Term.LiteralKind.FLOAT, "-1.5e-3"));
        assertThat(term("2E10")).isEqualTo(literal(Term.LiteralKind.FLOAT, "2E10"));
        assertThat(term("NaN")).isEqualTo(literal(Term.LiteralKind.FLOAT, "NaN"));
        assertThat(term("-infinity")).isEqualTo(literal(Term.LiteralKind.FLOAT, "-Infinity"));
    }

    @Test
    void booleansUuidsBlobsDurations() {
        assertThat(term("TRUE")).isEqualTo(literal(Term.LiteralKind.BOOLEAN, "true"));
        assertThat(term("false")).isEqualTo(literal(Term.LiteralKind.BOOLEAN, "false"));
        assertThat(term("123e4567-e89b-12d3-a456-426614174000"))
                .isEqualTo(literal(Term.LiteralKind.UUID, "123e4567-e89b-12d3-a456-426614174000"));
        assertThat(term("deadbeef-e89b-12d3-a456-426614174000")).isInstanceOf(Term.Literal.class)
                .extracting(t -> ((Term.Literal) t).kind()).isEqualTo(Term.LiteralKind.UUID);
        assertThat(term("0xCAFE")).isEqualTo(literal(Term.LiteralKind.HEX, "0xCAFE"));
        assertThat(term("0x")).isEqualTo(literal(Term.LiteralKind.HEX, "0x"));
        assertThat(term("1h30m")).isEqualTo(literal(Term.LiteralKind.DURATION, "1h30m"));
        assertThat(term("1y2mo3w4d5h6m7s8ms9us10ns")).isEqualTo(literal(Term.LiteralKind.DURATION, "1y2mo3w4d5h6m7s8ms9us10ns"));
        assertThat(term("-2d")).isEqualTo(literal(Term.LiteralKind.DURATION, "-2d"));
        assertThat(term("P1DT2H")).isEqualTo(literal(Term.LiteralKind.DURATION, "P1DT2H"));
        assertThat(term("PT30M")).isEqualTo(literal(Term.LiteralKind.DURATION, "PT30M"));
        assertThat(term("P2W")).isEqualTo(literal(Term.LiteralKind.DURATION, "P2W"));
        assertThat(term("P0001-02-03T04:05:06")).isEqualTo(literal(Term.LiteralKind.DURATION, "P0001-02-03T04:05:06"));
        assertThat(term("NULL")).isEqualTo(new Term.NullLiteral());
    }

    @Test
    void collectionsTuplesAndUserTypes() {
        Term one = literal(Term.LiteralKind.INTEGER, "1");
        Term two = literal(Term.LiteralKind.INTEGER, "2");
        assertThat(term("[1, 2]")).isEqualTo(new Term.ListLiteral(List.of(one, two)));
        assertThat(term("[]")).isEqualTo(new Term.ListLiteral(List.of()));
        assertThat(term("{1, 2}")).isEqualTo(new Term.SetLiteral(List.of(one, two)));
        assertThat(term("{}")).isEqualTo(new Term.MapLiteral(List.of()));
        assertThat(term("{1: 2}")).isEqualTo(new Term.MapLiteral(List.of(new Term.MapEntry(one, two))));
        assertThat(term("{a: 1, \"B\": 2}")).isEqualTo(new Term.UdtLiteral(
                Map.of(new ColumnIdentifier("a"), one, new ColumnIdentifier("B"), two)));
        assertThat(term("(1, 2)")).isEqualTo(new Term.TupleLiteral(List.of(one, two)));
        assertThat(term("[{a: [1]}]")).isEqualTo(new Term.ListLiteral(List.of(new Term.UdtLiteral(
                Map.of(new ColumnIdentifier("a"), new Term.ListLiteral(List.of(one)))))));
    }

    @Test
    void functionCallsTypeHintsAndArithmetic() {
        assertThat(term("now()")).isEqualTo(new Term.FunctionCall(QualifiedName.unqualified("now"), List.of()));
        assertThat(term("ks.f(1, ?)")).isEqualTo(new Term.FunctionCall(new QualifiedName("ks", "f"),
                List.of(literal(Term.LiteralKind.INTEGER, "1"), new Term.BindMarker(0, null))));
        assertThat(term("(int) ?")).isEqualTo(new Term.TypeHint(new RawType.Named(null, "int", false),
                new Term.BindMarker(0, null)));
        assertThat(term("1 + 2 * 3")).isEqualTo(new Term.Arithmetic(ArithmeticOperator.ADD,
                literal(Term.LiteralKind.INTEGER, "1"), new Term.Arithmetic(ArithmeticOperator.MULTIPLY,
                        literal(Term.LiteralKind.INTEGER, "2"), literal(Term.LiteralKind.INTEGER, "3"))));
        assertThat(term("-now()")).isEqualTo(new Term.Negation(new Term.FunctionCall(QualifiedName.unqualified("now"), List.of())));
        assertThat(term("10 / 2 - 1 % 3")).isInstanceOf(Term.Arithmetic.class)
                .extracting(t -> ((Term.Arithmetic) t).operator()).isEqualTo(ArithmeticOperator.SUBTRACT);
    }

    @Test
    void markersInStandaloneTermsAreNumbered() {
        assertThat(term("[?, :x]")).isEqualTo(new Term.ListLiteral(List.of(
                new Term.BindMarker(0, null), new Term.BindMarker(1, "x"))));
    }
}
