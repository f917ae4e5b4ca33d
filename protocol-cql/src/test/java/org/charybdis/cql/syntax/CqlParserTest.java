package org.charybdis.cql.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CqlParserTest {

    @Test
    void unquotedIdentifiersAreLowerCasedAndQuotedOnesKeepCase() {
        SelectStatement select = (SelectStatement) CqlParser.parse(
                "SELECT MyCol, \"MyCol\", \"say \"\"hi\"\"\" FROM MyKs.\"MyTable\"");

        assertThat(select.selection()).extracting(Selection::selector).containsExactly(
                new Selector.Column(new ColumnIdentifier("mycol")),
                new Selector.Column(new ColumnIdentifier("MyCol")),
                new Selector.Column(new ColumnIdentifier("say \"hi\"")));
        assertThat(select.table()).isEqualTo(new QualifiedName("myks", "MyTable"));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(CqlParser.parse("sElEcT * FrOm t")).isInstanceOf(SelectStatement.class);
    }

    @Test
    void unreservedKeywordsAreUsableAsIdentifiers() {
        CreateTableStatement create = (CreateTableStatement) CqlParser.parse(
                "CREATE TABLE t (key int PRIMARY KEY, type text, value int, values int, name text, ttl int,"
                        + " writetime int, timestamp timestamp, count counter, keys int, role text, users int,"
                        + " filtering int, json text, list int, map int, distinct int, as int)");

        assertThat(create.columns()).extracting(c -> c.name().name()).containsExactly(
                "key", "type", "value", "values", "name", "ttl", "writetime", "timestamp", "count", "keys",
                "role", "users", "filtering", "json", "list", "map", "distinct", "as");
        assertThat(create.columns().get(7).type()).isEqualTo(new RawType.Named(null, "timestamp", false));

        SelectStatement select = (SelectStatement) CqlParser.parse(
                "SELECT key, type, value FROM t WHERE key = 1 AND values = 2");
        assertThat(select.where()).hasSize(2);
    }

    @Test
    void reservedKeywordsNeedQuotes() {
        assertThatThrownBy(() -> CqlParser.parse("CREATE TABLE t (select int PRIMARY KEY)"))
                .isInstanceOf(CqlSyntaxError.class);
        CreateTableStatement create = (CreateTableStatement) CqlParser.parse("CREATE TABLE t (\"select\" int PRIMARY KEY)");
        assertThat(create.columns().getFirst().name().name()).isEqualTo("select");
        assertThat(create.columns().getFirst().name().toCqlString()).isEqualTo("\"select\"");
    }

    @Test
    void bindMarkersAreNumberedInOrderOfAppearance() {
        UpdateStatement update = (UpdateStatement) CqlParser.parse(
                "UPDATE t USING TTL ? SET a = ?, b = :bee WHERE k = ? AND c IN ? IF d = :Dee");

        assertThat(update.bindMarkers()).containsExactly(
                new Term.BindMarker(0, null), new Term.BindMarker(1, null), new Term.BindMarker(2, "bee"),
                new Term.BindMarker(3, null), new Term.BindMarker(4, null), new Term.BindMarker(5, "dee"));
        assertThat(update.bindMarkerCount()).isEqualTo(6);
        assertThat(update.attributes().ttl()).isEqualTo(new Term.BindMarker(0, null));
        assertThat(update.operations().get(1)).isEqualTo(
                new Operation.SetValue(new ColumnIdentifier("b"), new Term.BindMarker(2, "bee")));
        assertThat(update.where().get(1)).isEqualTo(
                new Relation.In(new ColumnIdentifier("c"), List.of(), new Term.BindMarker(4, null)));
    }

    @Test
    void quotedNamedMarkersKeepCase() {
        SelectStatement select = (SelectStatement) CqlParser.parse("SELECT * FROM t WHERE k = :\"Key\" LIMIT :lim");
        assertThat(select.bindMarkers()).extracting(Term.BindMarker::name).containsExactly("Key", "lim");
        assertThat(select.limit()).isEqualTo(new Term.BindMarker(1, "lim"));
    }

    @Test
    void statementsWithoutMarkersHaveNone() {
        assertThat(CqlParser.parse("SELECT * FROM t").bindMarkerCount()).isZero();
        assertThat(CqlParser.parse("DROP TABLE t").bindMarkers()).isEmpty();
    }

    @Test
    void bindMarkersAreRejectedInSchemaStatements() {
        assertThatThrownBy(() -> CqlParser.parse("CREATE KEYSPACE ks WITH replication = ?"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageStartingWith("line 1:38 bind variables are not supported");
    }

    @Test
    void commentsAndTrailingSemicolonAreIgnored() {
        Statement statement = CqlParser.parse("""
                -- leading comment
                SELECT a /* inline
                   block */ FROM t // trailing
                WHERE k = 1; -- done
                """);
        SelectStatement select = (SelectStatement) statement;
        assertThat(select.selection()).hasSize(1);
        assertThat(select.where()).hasSize(1);
    }

    @Test
    void misspelledKeywordNamesPositionInputAndExpectation() {
        assertThatThrownBy(() -> CqlParser.parse("SELECT * FROMM t"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageStartingWith("line 1:9 ")
                .hasMessage("line 1:9 mismatched input 'FROMM' expecting K_FROM (SELECT * [FROMM]...)")
                .satisfies(e -> {
                    CqlSyntaxError error = (CqlSyntaxError) e;
                    assertThat(error.line()).isEqualTo(1);
                    assertThat(error.column()).isEqualTo(9);
                });
    }

    @Test
    void noViableAlternativeBracketsWhereTheDecisionStarted() {
        assertThatThrownBy(() -> CqlParser.parse("SELECT * FROM t WHERE k < > 1"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageStartingWith("line 1:26 ")
                .hasMessageContaining("'>'")
                .hasMessageContaining("[");
    }

    @Test
    void mismatchedInputNamesWhatWasExpected() {
        assertThatThrownBy(() -> CqlParser.parse("INSERT INTO t (a) VALUES (1) IF EXISTS"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageStartingWith("line 1:32 ")
                .hasMessageContaining("'EXISTS'")
                .hasMessageContaining("K_NOT")
                .hasMessageEndingWith("() IF [EXISTS]...)");
    }

    @Test
    void errorsOnLaterLinesReportTheirLine() {
        assertThatThrownBy(() -> CqlParser.parse("SELECT *\nFROM t\nWHERE k = = 1"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageStartingWith("line 3:10 ")
                .hasMessageContaining("'='");
    }

    @Test
    void trailingGarbageIsAnError() {
        assertThatThrownBy(() -> CqlParser.parse("SELECT * FROM t garbage"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageStartingWith("line 1:16 ")
                .hasMessageContaining("'garbage'");
    }

    @Test
    void emptyInputIsAClearError() {
        assertThatThrownBy(() -> CqlParser.parse(""))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageContaining("empty statement");
        assertThatThrownBy(() -> CqlParser.parse("  -- only a comment\n"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageContaining("empty statement");
    }

    @Test
    void lexerErrorsAreClear() {
        assertThatThrownBy(() -> CqlParser.parse("SELECT * FROM t WHERE k = 'abc"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageStartingWith("line 1:26 unterminated string literal");
        assertThatThrownBy(() -> CqlParser.parse("SELECT * FROM t WHERE k = 1 @"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageStartingWith("line 1:28 unexpected character at input '@'");
    }

    @Test
    void duplicatePropertiesAreSyntaxErrors() {
        assertThatThrownBy(() -> CqlParser.parse("CREATE KEYSPACE ks WITH durable_writes = true AND durable_writes = false"))
                .isInstanceOf(CqlSyntaxError.class)
                .hasMessageContaining("Multiple definitions for property 'durable_writes'");
    }

    @Test
    void parseTypeReadsNestedTypes() {
        assertThat(CqlParser.parseType("frozen<map<text, list<int>>>")).isEqualTo(new RawType.Collection(
                RawType.CollectionKind.MAP,
                List.of(new RawType.Named(null, "text", false),
                        new RawType.Collection(RawType.CollectionKind.LIST, List.of(new RawType.Named(null, "int", false)), false)),
                true));
        assertThat(CqlParser.parseType("frozen<map<text, list<int>>>").toCqlString())
                .isEqualTo("frozen<map<text, list<int>>>");
        assertThat(CqlParser.parseType("tuple<int, ks.addr>").toCqlString()).isEqualTo("tuple<int, ks.addr>");
        assertThat(CqlParser.parseType("vector<float, 3>")).isEqualTo(
                new RawType.Vector(new RawType.Named(null, "float", false), 3));
        assertThat(CqlParser.parseType("set<frozen<\"Addr\">>").toCqlString()).isEqualTo("set<frozen<\"Addr\">>");
        assertThat(CqlParser.parseType("'org.example.MyType'")).isEqualTo(new RawType.Custom("org.example.MyType"));
        assertThat(((RawType.Named) CqlParser.parseType("BIGINT")).isNative()).isTrue();
        assertThat(CqlParser.parseType("tuple<int>").isFrozen()).isTrue();
        assertThat(CqlParser.parseType("list<int>").isFrozen()).isFalse();
    }

    @Test
    void parseTermReadsMapsOfOptions() {
        assertThat(CqlParser.parseTerm("{'class': 'SimpleStrategy', 'replication_factor': 1}")).isEqualTo(
                new Term.MapLiteral(List.of(
                        new Term.MapEntry(str("class"), str("SimpleStrategy")),
                        new Term.MapEntry(str("replication_factor"), new Term.Literal(Term.LiteralKind.INTEGER, "1")))));
    }

    @Test
    void parseTermRejectsTrailingInput() {
        assertThatThrownBy(() -> CqlParser.parseTerm("1 2")).isInstanceOf(CqlSyntaxError.class);
    }

    private static Term str(String s) {
        return new Term.Literal(Term.LiteralKind.STRING, s);
    }
}
