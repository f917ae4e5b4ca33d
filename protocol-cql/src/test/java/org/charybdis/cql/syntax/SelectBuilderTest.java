package org.charybdis.cql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SelectBuilderTest {

    private static SelectStatement select(String cql) {
        return (SelectStatement) CqlParser.parse(cql);
    }

    private static ColumnIdentifier id(String name) {
        return new ColumnIdentifier(name);
    }

    private static Term integer(String text) {
        return new Term.Literal(Term.LiteralKind.INTEGER, text);
    }

    private static Selector col(String name) {
        return new Selector.Column(id(name));
    }

    @Test
    void allClausesInOrder() {
        SelectStatement s = select("SELECT JSON DISTINCT k AS key_alias FROM ks.t WHERE k = 1 GROUP BY k, c"
                + " ORDER BY c DESC, d ASC PER PARTITION LIMIT 2 LIMIT 10 ALLOW FILTERING;");

        assertThat(s.json()).isTrue();
        assertThat(s.distinct()).isTrue();
        assertThat(s.table()).isEqualTo(new QualifiedName("ks", "t"));
        assertThat(s.selection()).containsExactly(new Selection(col("k"), id("key_alias")));
        assertThat(s.where()).containsExactly(new Relation.Compare(id("k"), Operator.EQ, integer("1")));
        assertThat(s.groupBy()).containsExactly(col("k"), col("c"));
        assertThat(s.orderings()).containsExactly(new Ordering(id("c"), true, null), new Ordering(id("d"), false, null));
        assertThat(s.perPartitionLimit()).isEqualTo(integer("2"));
        assertThat(s.limit()).isEqualTo(integer("10"));
        assertThat(s.allowFiltering()).isTrue();
    }

    @Test
    void wildcardAndMinimalSelect() {
        SelectStatement s = select("SELECT * FROM t");
        assertThat(s.isWildcard()).isTrue();
        assertThat(s.json()).isFalse();
        assertThat(s.where()).isEmpty();
        assertThat(s.limit()).isNull();
        assertThat(s.perPartitionLimit()).isNull();
    }

    @Test
    void scyllaUsingTimeoutIsAccepted() {
        SelectStatement s = select("SELECT * FROM system_schema.keyspaces USING TIMEOUT 10000ms");
        assertThat(s.table()).isEqualTo(new QualifiedName("system_schema", "keyspaces"));
        assertThat(select("SELECT timeout FROM t WHERE k = 1 ALLOW FILTERING USING TIMEOUT 1s").allowFiltering()).isTrue();
    }

    @Test
    void perPartitionLimitAloneAndMarkers() {
        SelectStatement s = select("SELECT * FROM t PER PARTITION LIMIT ?");
        assertThat(s.perPartitionLimit()).isEqualTo(new Term.BindMarker(0, null));
        assertThat(s.limit()).isNull();
    }

    @Test
    void builtInFunctionSelectors() {
        SelectStatement s = select("SELECT writetime(v), maxwritetime(v), ttl(v), token(a, b), COUNT(*), count(1),"
                + " CAST(v AS text), system.now() FROM t");

        assertThat(s.selection()).extracting(Selection::selector).containsExactly(
                new Selector.FunctionCall(QualifiedName.unqualified("writetime"), List.of(col("v"))),
                new Selector.FunctionCall(QualifiedName.unqualified("maxwritetime"), List.of(col("v"))),
                new Selector.FunctionCall(QualifiedName.unqualified("ttl"), List.of(col("v"))),
                new Selector.FunctionCall(QualifiedName.unqualified("token"), List.of(col("a"), col("b"))),
                new Selector.CountRows(),
                new Selector.FunctionCall(QualifiedName.unqualified("count"), List.of(new Selector.Value(integer("1")))),
                new Selector.Cast(col("v"), new RawType.Named(null, "text", false)),
                new Selector.FunctionCall(new QualifiedName("system", "now"), List.of()));
    }

    @Test
    void arithmeticRespectsPrecedenceAndUnaryMinus() {
        Selector selector = select("SELECT a + b * -c, -1, (a + b) % 2 FROM t").selection().stream()
                .map(Selection::selector).toList().get(0);
        assertThat(selector).isEqualTo(new Selector.Arithmetic(ArithmeticOperator.ADD, col("a"),
                new Selector.Arithmetic(ArithmeticOperator.MULTIPLY, col("b"), new Selector.Negation(col("c")))));

        List<Selector> rest = select("SELECT -1, (a + b) % 2 FROM t").selection().stream().map(Selection::selector).toList();
        assertThat(rest.get(0)).isEqualTo(new Selector.Value(integer("-1")));
        assertThat(rest.get(1)).isEqualTo(new Selector.Arithmetic(ArithmeticOperator.MODULO,
                new Selector.Arithmetic(ArithmeticOperator.ADD, col("a"), col("b")), new Selector.Value(integer("2"))));
    }

    @Test
    void elementSliceAndFieldSelection() {
        List<Selector> selectors = select("SELECT m['k'], s[1..3], s[..3], s[2..], u.f, u.f.g FROM t")
                .selection().stream().map(Selection::selector).toList();

        assertThat(selectors).containsExactly(
                new Selector.Element(col("m"), new Term.Literal(Term.LiteralKind.STRING, "k")),
                new Selector.Slice(col("s"), integer("1"), integer("3")),
                new Selector.Slice(col("s"), null, integer("3")),
                new Selector.Slice(col("s"), integer("2"), null),
                new Selector.FieldAccess(col("u"), id("f")),
                new Selector.FieldAccess(new Selector.FieldAccess(col("u"), id("f")), id("g")));
    }

    @Test
    void literalsMarkersAndTypeHintsAsSelectors() {
        List<Selector> selectors = select("SELECT 'x', ?, (int) ?, [1, 2] FROM t")
                .selection().stream().map(Selection::selector).toList();
        assertThat(selectors).containsExactly(
                new Selector.Value(new Term.Literal(Term.LiteralKind.STRING, "x")),
                new Selector.Value(new Term.BindMarker(0, null)),
                new Selector.TypeHint(new RawType.Named(null, "int", false), new Selector.Value(new Term.BindMarker(1, null))),
                new Selector.Value(new Term.ListLiteral(List.of(integer("1"), integer("2")))));
    }

    @Test
    void everyRelationForm() {
        SelectStatement s = select("SELECT * FROM t WHERE a = 1 AND b < 2 AND b <= 3 AND c > 4 AND c >= 5 AND d != 6"
                + " AND e IN (1, 2) AND f IN ? AND g CONTAINS 'x' AND h CONTAINS KEY 'y' AND i LIKE 'ab%'"
                + " AND j IS NOT NULL AND token(a, b) > token(1, 2) AND (c1, c2) > (1, 2) AND (c1, c2) = ?"
                + " AND (c1, c2) IN ((1, 2), (3, 4)) AND (c1, c2) IN ? AND (c1, c2) IN (?, (5, 6)) AND m['k'] = 'v'");

        Term.TupleLiteral oneTwo = new Term.TupleLiteral(List.of(integer("1"), integer("2")));
        assertThat(s.where()).containsExactly(
                new Relation.Compare(id("a"), Operator.EQ, integer("1")),
                new Relation.Compare(id("b"), Operator.LT, integer("2")),
                new Relation.Compare(id("b"), Operator.LTE, integer("3")),
                new Relation.Compare(id("c"), Operator.GT, integer("4")),
                new Relation.Compare(id("c"), Operator.GTE, integer("5")),
                new Relation.Compare(id("d"), Operator.NEQ, integer("6")),
                new Relation.In(id("e"), List.of(integer("1"), integer("2")), null),
                new Relation.In(id("f"), List.of(), new Term.BindMarker(0, null)),
                new Relation.Compare(id("g"), Operator.CONTAINS, new Term.Literal(Term.LiteralKind.STRING, "x")),
                new Relation.Compare(id("h"), Operator.CONTAINS_KEY, new Term.Literal(Term.LiteralKind.STRING, "y")),
                new Relation.Compare(id("i"), Operator.LIKE, new Term.Literal(Term.LiteralKind.STRING, "ab%")),
                new Relation.Compare(id("j"), Operator.IS_NOT, new Term.NullLiteral()),
                new Relation.Token(List.of(id("a"), id("b")), Operator.GT,
                        new Term.FunctionCall(QualifiedName.unqualified("token"), List.of(integer("1"), integer("2")))),
                new Relation.MultiColumn(List.of(id("c1"), id("c2")), Operator.GT, oneTwo),
                new Relation.MultiColumn(List.of(id("c1"), id("c2")), Operator.EQ, new Term.BindMarker(1, null)),
                new Relation.MultiColumnIn(List.of(id("c1"), id("c2")),
                        List.of(oneTwo, new Term.TupleLiteral(List.of(integer("3"), integer("4")))), null),
                new Relation.MultiColumnIn(List.of(id("c1"), id("c2")), List.of(), new Term.BindMarker(2, null)),
                new Relation.MultiColumnIn(List.of(id("c1"), id("c2")),
                        List.of(new Term.BindMarker(3, null), new Term.TupleLiteral(List.of(integer("5"), integer("6")))), null),
                new Relation.ElementCompare(id("m"), new Term.Literal(Term.LiteralKind.STRING, "k"), Operator.EQ,
                        new Term.Literal(Term.LiteralKind.STRING, "v")));
        assertThat(s.bindMarkerCount()).isEqualTo(4);
    }

    @Test
    void vectorSearchOrdering() {
        SelectStatement s = select("SELECT * FROM t ORDER BY v ANN OF [1.0, 2.5] LIMIT 3");
        assertThat(s.orderings()).containsExactly(new Ordering(id("v"), false, new Term.ListLiteral(List.of(
                new Term.Literal(Term.LiteralKind.FLOAT, "1.0"), new Term.Literal(Term.LiteralKind.FLOAT, "2.5")))));
    }

    @Test
    void unreservedKeywordsAsColumnsInSelect() {
        SelectStatement s = select("SELECT json, distinct, count, key FROM t WHERE type = 'x'");
        assertThat(s.json()).isFalse();
        assertThat(s.distinct()).isFalse();
        assertThat(s.selection()).extracting(Selection::selector)
                .containsExactly(col("json"), col("distinct"), col("count"), col("key"));
    }
}
