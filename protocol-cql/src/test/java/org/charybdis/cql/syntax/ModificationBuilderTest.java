package org.charybdis.cql.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModificationBuilderTest {

    private static ColumnIdentifier id(String name) {
        return new ColumnIdentifier(name);
    }

    private static Term integer(String text) {
        return new Term.Literal(Term.LiteralKind.INTEGER, text);
    }

    private static Term str(String text) {
        return new Term.Literal(Term.LiteralKind.STRING, text);
    }

    @Test
    void insertWithValuesConditionAndAttributes() {
        InsertStatement insert = (InsertStatement) CqlParser.parse(
                "INSERT INTO ks.t (k, v) VALUES (1, 'a') IF NOT EXISTS USING TTL 86400 AND TIMESTAMP 123");

        assertThat(insert.table()).isEqualTo(new QualifiedName("ks", "t"));
        assertThat(insert.columns()).containsExactly(id("k"), id("v"));
        assertThat(insert.values()).containsExactly(integer("1"), str("a"));
        assertThat(insert.ifNotExists()).isTrue();
        assertThat(insert.attributes()).isEqualTo(new Attributes(integer("123"), integer("86400")));
        assertThat(insert.isJson()).isFalse();
    }

    @Test
    void insertJsonWithDefaults() {
        InsertStatement plain = (InsertStatement) CqlParser.parse("INSERT INTO t JSON '{\"k\": 1}'");
        assertThat(plain.json()).isEqualTo(str("{\"k\": 1}"));
        assertThat(plain.jsonDefault()).isEqualTo(InsertStatement.JsonDefault.NULL);

        InsertStatement unset = (InsertStatement) CqlParser.parse("INSERT INTO t JSON ? DEFAULT UNSET");
        assertThat(unset.json()).isEqualTo(new Term.BindMarker(0, null));
        assertThat(unset.jsonDefault()).isEqualTo(InsertStatement.JsonDefault.UNSET);

        InsertStatement explicitNull = (InsertStatement) CqlParser.parse("INSERT INTO t JSON '{}' DEFAULT NULL");
        assertThat(explicitNull.jsonDefault()).isEqualTo(InsertStatement.JsonDefault.NULL);
    }

    @Test
    void everyAssignmentForm() {
        UpdateStatement update = (UpdateStatement) CqlParser.parse("UPDATE t USING TIMESTAMP 5 SET a = 1, b = b + 2,"
                + " c = [0] + c, d = d - {1}, e += 3, f -= 4, m['k'] = 'v', u.f = 7 WHERE k = 0 IF EXISTS");

        assertThat(update.attributes()).isEqualTo(new Attributes(integer("5"), null));
        assertThat(update.operations()).containsExactly(
                new Operation.SetValue(id("a"), integer("1")),
                new Operation.Addition(id("b"), integer("2")),
                new Operation.Prepend(id("c"), new Term.ListLiteral(List.of(integer("0")))),
                new Operation.Subtraction(id("d"), new Term.SetLiteral(List.of(integer("1")))),
                new Operation.Addition(id("e"), integer("3")),
                new Operation.Subtraction(id("f"), integer("4")),
                new Operation.SetElement(id("m"), str("k"), str("v")),
                new Operation.SetField(id("u"), id("f"), integer("7")));
        assertThat(update.ifExists()).isTrue();
        assertThat(update.isConditional()).isTrue();
    }

    @Test
    void selfReferenceMustNameTheSameColumn() {
        assertThatThrownBy(() -> CqlParser.parse("UPDATE t SET a = b + 1 WHERE k = 0"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessage("Only expressions of the form X = X +<value> are supported.");
        assertThatThrownBy(() -> CqlParser.parse("UPDATE t SET a = [1] + b WHERE k = 0"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessage("Only expressions of the form X = <value> + X are supported.");
    }

    @Test
    void updateConditions() {
        UpdateStatement update = (UpdateStatement) CqlParser.parse("UPDATE t SET a = 1 WHERE k = 0"
                + " IF b = 2 AND c != null AND m['k'] = 'v' AND u.f > 3 AND d IN (1, 2) AND e IN ? AND s CONTAINS 4");

        assertThat(update.ifExists()).isFalse();
        assertThat(update.conditions()).containsExactly(
                new Condition(new ColumnPath.Column(id("b")), Operator.EQ, integer("2"), List.of()),
                new Condition(new ColumnPath.Column(id("c")), Operator.NEQ, new Term.NullLiteral(), List.of()),
                new Condition(new ColumnPath.Element(id("m"), str("k")), Operator.EQ, str("v"), List.of()),
                new Condition(new ColumnPath.Field(id("u"), id("f")), Operator.GT, integer("3"), List.of()),
                new Condition(new ColumnPath.Column(id("d")), Operator.IN, null, List.of(integer("1"), integer("2"))),
                new Condition(new ColumnPath.Column(id("e")), Operator.IN, new Term.BindMarker(0, null), List.of()),
                new Condition(new ColumnPath.Column(id("s")), Operator.CONTAINS, integer("4"), List.of()));
    }

    @Test
    void deleteTargetsTimestampAndConditions() {
        DeleteStatement delete = (DeleteStatement) CqlParser.parse(
                "DELETE a, m['k'], u.f FROM t USING TIMESTAMP 99 WHERE k = 1 IF a = 2");

        assertThat(delete.targets()).containsExactly(new ColumnPath.Column(id("a")),
                new ColumnPath.Element(id("m"), str("k")), new ColumnPath.Field(id("u"), id("f")));
        assertThat(delete.attributes().timestamp()).isEqualTo(integer("99"));
        assertThat(delete.conditions()).hasSize(1);

        DeleteStatement whole = (DeleteStatement) CqlParser.parse("DELETE FROM t WHERE k = 1 IF EXISTS");
        assertThat(whole.targets()).isEmpty();
        assertThat(whole.ifExists()).isTrue();
        assertThat(whole.attributes()).isEqualTo(Attributes.NONE);
    }

    @Test
    void batchNumbersMarkersAcrossStatements() {
        BatchStatement batch = (BatchStatement) CqlParser.parse("""
                BEGIN UNLOGGED BATCH USING TIMESTAMP ?
                  INSERT INTO t (k, v) VALUES (?, ?);
                  UPDATE t SET v = :v WHERE k = ?;
                  DELETE FROM t WHERE k = ?
                APPLY BATCH;""");

        assertThat(batch.type()).isEqualTo(BatchStatement.Type.UNLOGGED);
        assertThat(batch.attributes().timestamp()).isEqualTo(new Term.BindMarker(0, null));
        assertThat(batch.statements()).hasSize(3);
        assertThat(batch.bindMarkerCount()).isEqualTo(6);
        assertThat(batch.statements().get(0).bindMarkers()).extracting(Term.BindMarker::index).containsExactly(1, 2);
        assertThat(batch.statements().get(1).bindMarkers()).containsExactly(
                new Term.BindMarker(3, "v"), new Term.BindMarker(4, null));
        assertThat(batch.statements().get(2)).isInstanceOf(DeleteStatement.class);
        assertThat(batch.statements().get(2).bindMarkers()).extracting(Term.BindMarker::index).containsExactly(5);
    }

    @Test
    void batchTypes() {
        assertThat(((BatchStatement) CqlParser.parse("BEGIN BATCH APPLY BATCH")).type()).isEqualTo(BatchStatement.Type.LOGGED);
        assertThat(((BatchStatement) CqlParser.parse(
                "BEGIN COUNTER BATCH UPDATE t SET c = c + 1 WHERE k = 1 APPLY BATCH")).type())
                .isEqualTo(BatchStatement.Type.COUNTER);
    }

    @Test
    void useAndTruncate() {
        assertThat(CqlParser.parse("USE \"MyKs\"")).isEqualTo(new UseStatement("MyKs"));
        assertThat(CqlParser.parse("TRUNCATE TABLE ks.t")).isEqualTo(new TruncateStatement(new QualifiedName("ks", "t")));
        assertThat(CqlParser.parse("truncate t")).isEqualTo(new TruncateStatement(QualifiedName.unqualified("t")));
    }

    @Test
    void repeatedTtlOrTimestampTakesTheLast() {
        InsertStatement insert = (InsertStatement) CqlParser.parse("INSERT INTO t (k) VALUES (1) USING TTL 1 AND TIMESTAMP 5 AND TTL 2");
        assertThat(insert.attributes().ttl()).isEqualTo(new Term.Literal(Term.LiteralKind.INTEGER, "2"));
        assertThat(insert.attributes().timestamp()).isEqualTo(new Term.Literal(Term.LiteralKind.INTEGER, "5"));
    }
}
