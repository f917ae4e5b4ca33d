package org.charybdis.cql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SchemaBuilderTest {

    private static ColumnIdentifier id(String name) {
        return new ColumnIdentifier(name);
    }

    private static RawType named(String name) {
        return new RawType.Named(null, name, false);
    }

    private static Term str(String text) {
        return new Term.Literal(Term.LiteralKind.STRING, text);
    }

    private static Term integer(String text) {
        return new Term.Literal(Term.LiteralKind.INTEGER, text);
    }

    @Test
    void keyspaces() {
        CreateKeyspaceStatement create = (CreateKeyspaceStatement) CqlParser.parse("CREATE KEYSPACE IF NOT EXISTS Ks"
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = false");
        assertThat(create.keyspace()).isEqualTo("ks");
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.options()).containsOnlyKeys("replication", "durable_writes");
        assertThat(create.options().get("replication")).isEqualTo(new Term.MapLiteral(List.of(
                new Term.MapEntry(str("class"), str("SimpleStrategy")),
                new Term.MapEntry(str("replication_factor"), integer("1")))));
        assertThat(create.options().get("durable_writes")).isEqualTo(new Term.Literal(Term.LiteralKind.BOOLEAN, "false"));

        AlterKeyspaceStatement alter = (AlterKeyspaceStatement) CqlParser.parse(
                "ALTER KEYSPACE IF EXISTS ks WITH durable_writes = true");
        assertThat(alter.ifExists()).isTrue();
        assertThat(CqlParser.parse("DROP KEYSPACE IF EXISTS ks")).isEqualTo(new DropKeyspaceStatement("ks", true));
    }

    @Test
    void createTableWithCompositeKeyAndOptions() {
        CreateTableStatement create = (CreateTableStatement) CqlParser.parse("""
                CREATE TABLE IF NOT EXISTS ks.events (
                    a int, b text, c timeuuid, d bigint, s text STATIC, m frozen<map<text, int>>,
                    PRIMARY KEY ((a, b), c, d)
                ) WITH CLUSTERING ORDER BY (c DESC, d ASC) AND comment = 'x'
                  AND compaction = {'class': 'UnifiedCompactionStrategy'} AND gc_grace_seconds = 10
                  AND COMPACT STORAGE""");

        assertThat(create.table()).isEqualTo(new QualifiedName("ks", "events"));
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.columns()).hasSize(6);
        assertThat(create.columns().get(4)).isEqualTo(new ColumnDefinition(id("s"), named("text"), true, null));
        assertThat(create.columns().get(5).type().isFrozen()).isTrue();
        assertThat(create.primaryKeys()).containsExactly(
                new PrimaryKey(List.of(id("a"), id("b")), List.of(id("c"), id("d"))));
        TableOptions options = create.options();
        assertThat(options.clusteringOrder()).containsExactly(
                new ClusteringOrder(id("c"), true), new ClusteringOrder(id("d"), false));
        assertThat(options.properties()).containsOnlyKeys("comment", "compaction", "gc_grace_seconds");
        assertThat(options.compactStorage()).isTrue();
    }

    @Test
    void inlinePrimaryKeyAndSimpleKeyClause() {
        CreateTableStatement inline = (CreateTableStatement) CqlParser.parse("CREATE TABLE t (k int PRIMARY KEY, v text)");
        assertThat(inline.primaryKeys()).containsExactly(new PrimaryKey(List.of(id("k")), List.of()));
        assertThat(inline.options()).isEqualTo(TableOptions.EMPTY);

        CreateTableStatement clause = (CreateTableStatement) CqlParser.parse(
                "CREATE COLUMNFAMILY t (k int, c int, v text, PRIMARY KEY (k, c))");
        assertThat(clause.primaryKeys()).containsExactly(new PrimaryKey(List.of(id("k")), List.of(id("c"))));

        CreateTableStatement twoKeys = (CreateTableStatement) CqlParser.parse(
                "CREATE TABLE t (k int PRIMARY KEY, v int, PRIMARY KEY (v))");
        assertThat(twoKeys.primaryKeys()).hasSize(2);
    }

    @Test
    void maskedColumns() {
        CreateTableStatement create = (CreateTableStatement) CqlParser.parse(
                "CREATE TABLE t (k int PRIMARY KEY, a text MASKED WITH DEFAULT, b text MASKED WITH mask_inner(1, null))");
        assertThat(create.columns().get(1).mask()).isEqualTo(new ColumnMask(QualifiedName.unqualified("mask_default"), List.of()));
        assertThat(create.columns().get(2).mask()).isEqualTo(new ColumnMask(QualifiedName.unqualified("mask_inner"),
                List.of(integer("1"), new Term.NullLiteral())));
    }

    @Test
    void alterTableActions() {
        assertThat(alter("ALTER TABLE t ADD IF NOT EXISTS a int, b text")).isEqualTo(new AlterTableStatement.AddColumns(true,
                List.of(new ColumnDefinition(id("a"), named("int"), false, null),
                        new ColumnDefinition(id("b"), named("text"), false, null))));
        assertThat(alter("ALTER TABLE t ADD (a int, s set<int> STATIC)")).isEqualTo(new AlterTableStatement.AddColumns(false,
                List.of(new ColumnDefinition(id("a"), named("int"), false, null), new ColumnDefinition(id("s"),
                        new RawType.Collection(RawType.CollectionKind.SET, List.of(named("int")), false), true, null))));
        assertThat(alter("ALTER TABLE t DROP a")).isEqualTo(new AlterTableStatement.DropColumns(false, List.of(id("a")), null));
        assertThat(alter("ALTER TABLE t DROP IF EXISTS (a, b) USING TIMESTAMP 42"))
                .isEqualTo(new AlterTableStatement.DropColumns(true, List.of(id("a"), id("b")), 42L));
        assertThat(alter("ALTER TABLE t DROP COMPACT STORAGE")).isEqualTo(new AlterTableStatement.DropCompactStorage());
        assertThat(alter("ALTER TABLE t RENAME a TO b AND c TO d")).isEqualTo(new AlterTableStatement.RenameColumns(false,
                Map.of(id("a"), id("b"), id("c"), id("d"))));
        assertThat(alter("ALTER TABLE t WITH comment = 'hi'")).isEqualTo(new AlterTableStatement.SetOptions(
                new TableOptions(Map.of("comment", str("hi")), List.of(), false)));
        assertThat(alter("ALTER TABLE t ALTER a DROP MASKED")).isEqualTo(new AlterTableStatement.MaskColumn(id("a"), null));
        AlterTableStatement ifExists = (AlterTableStatement) CqlParser.parse("ALTER TABLE IF EXISTS ks.t DROP compact");
        assertThat(ifExists.ifExists()).isTrue();
        assertThat(ifExists.action()).isEqualTo(new AlterTableStatement.DropColumns(false, List.of(id("compact")), null));
    }

    private static AlterTableStatement.Action alter(String cql) {
        return ((AlterTableStatement) CqlParser.parse(cql)).action();
    }

    @Test
    void dropAndTruncateTable() {
        assertThat(CqlParser.parse("DROP TABLE IF EXISTS ks.t")).isEqualTo(new DropTableStatement(new QualifiedName("ks", "t"), true));
    }

    @Test
    void userTypes() {
        CreateTypeStatement create = (CreateTypeStatement) CqlParser.parse(
                "CREATE TYPE ks.address (street text, zip int, tags list<text>)");
        assertThat(create.type()).isEqualTo(new QualifiedName("ks", "address"));
        assertThat(create.fields()).extracting(FieldDefinition::name).containsExactly(id("street"), id("zip"), id("tags"));

        AlterTypeStatement add = (AlterTypeStatement) CqlParser.parse("ALTER TYPE address ADD IF NOT EXISTS city text");
        assertThat(add.action()).isEqualTo(new AlterTypeStatement.AddField(true, new FieldDefinition(id("city"), named("text"))));

        AlterTypeStatement rename = (AlterTypeStatement) CqlParser.parse(
                "ALTER TYPE IF EXISTS address RENAME IF EXISTS zip TO postcode AND street TO road");
        assertThat(rename.ifExists()).isTrue();
        assertThat(rename.action()).isEqualTo(new AlterTypeStatement.RenameFields(true,
                Map.of(id("zip"), id("postcode"), id("street"), id("road"))));

        assertThat(CqlParser.parse("DROP TYPE address")).isEqualTo(new DropTypeStatement(QualifiedName.unqualified("address"), false));
    }

    @Test
    void indexes() {
        CreateIndexStatement simple = (CreateIndexStatement) CqlParser.parse("CREATE INDEX ON t (v)");
        assertThat(simple.indexName()).isNull();
        assertThat(simple.targets()).containsExactly(new CreateIndexStatement.Target(id("v"), CreateIndexStatement.TargetKind.SIMPLE));

        CreateIndexStatement custom = (CreateIndexStatement) CqlParser.parse("CREATE CUSTOM INDEX IF NOT EXISTS idx ON ks.t"
                + " (keys(m)) USING 'StorageAttachedIndex' WITH OPTIONS = {'case_sensitive': 'false'}");
        assertThat(custom.custom()).isTrue();
        assertThat(custom.ifNotExists()).isTrue();
        assertThat(custom.indexName()).isEqualTo("idx");
        assertThat(custom.table()).isEqualTo(new QualifiedName("ks", "t"));
        assertThat(custom.targets()).containsExactly(new CreateIndexStatement.Target(id("m"), CreateIndexStatement.TargetKind.KEYS));
        assertThat(custom.className()).isEqualTo("StorageAttachedIndex");
        assertThat(custom.properties()).containsOnlyKeys("options");

        assertThat(((CreateIndexStatement) CqlParser.parse("CREATE INDEX i ON t (values(s))")).targets().getFirst().kind())
                .isEqualTo(CreateIndexStatement.TargetKind.VALUES);
        assertThat(((CreateIndexStatement) CqlParser.parse("CREATE INDEX i ON t (entries(m))")).targets().getFirst().kind())
                .isEqualTo(CreateIndexStatement.TargetKind.ENTRIES);
        assertThat(((CreateIndexStatement) CqlParser.parse("CREATE INDEX i ON t (full(l))")).targets().getFirst().kind())
                .isEqualTo(CreateIndexStatement.TargetKind.FULL);
        assertThat(CqlParser.parse("DROP INDEX IF EXISTS ks.idx")).isEqualTo(new DropIndexStatement(new QualifiedName("ks", "idx"), true));
    }

    @Test
    void materializedViews() {
        CreateMaterializedViewStatement view = (CreateMaterializedViewStatement) CqlParser.parse("""
                CREATE MATERIALIZED VIEW IF NOT EXISTS ks.by_v AS
                  SELECT * FROM ks.t WHERE v IS NOT NULL AND k IS NOT NULL
                  PRIMARY KEY (v, k) WITH comment = 'mv'""");
        assertThat(view.view()).isEqualTo(new QualifiedName("ks", "by_v"));
        assertThat(view.baseTable()).isEqualTo(new QualifiedName("ks", "t"));
        assertThat(view.selection()).isEmpty();
        assertThat(view.where()).hasSize(2);
        assertThat(view.primaryKey()).isEqualTo(new PrimaryKey(List.of(id("v")), List.of(id("k"))));
        assertThat(view.options().properties()).containsKey("comment");

        assertThat(CqlParser.parse("ALTER MATERIALIZED VIEW v WITH comment = 'x'")).isInstanceOf(AlterMaterializedViewStatement.class);
        assertThat(CqlParser.parse("DROP MATERIALIZED VIEW IF EXISTS v"))
                .isEqualTo(new DropMaterializedViewStatement(QualifiedName.unqualified("v"), true));
    }

    @Test
    void functionsAndAggregates() {
        CreateFunctionStatement function = (CreateFunctionStatement) CqlParser.parse("""
                CREATE OR REPLACE FUNCTION ks.plus (a int, b int) RETURNS NULL ON NULL INPUT
                RETURNS int LANGUAGE java AS $$ return a + b; $$""");
        assertThat(function.function()).isEqualTo(new QualifiedName("ks", "plus"));
        assertThat(function.orReplace()).isTrue();
        assertThat(function.calledOnNullInput()).isFalse();
        assertThat(function.arguments()).containsExactly(new FieldDefinition(id("a"), named("int")), new FieldDefinition(id("b"), named("int")));
        assertThat(function.returnType()).isEqualTo(named("int"));
        assertThat(function.language()).isEqualTo("java");
        assertThat(function.body()).isEqualTo(" return a + b; ");

        CreateFunctionStatement called = (CreateFunctionStatement) CqlParser.parse(
                "CREATE FUNCTION IF NOT EXISTS f () CALLED ON NULL INPUT RETURNS text LANGUAGE lua AS 'x'");
        assertThat(called.calledOnNullInput()).isTrue();
        assertThat(called.ifNotExists()).isTrue();

        CreateAggregateStatement aggregate = (CreateAggregateStatement) CqlParser.parse(
                "CREATE AGGREGATE ks.avg (int) SFUNC avg_state STYPE tuple<int, bigint> FINALFUNC avg_final INITCOND (0, 0)");
        assertThat(aggregate.argumentTypes()).containsExactly(named("int"));
        assertThat(aggregate.stateFunction()).isEqualTo(QualifiedName.unqualified("avg_state"));
        assertThat(aggregate.stateType()).isEqualTo(new RawType.Tuple(List.of(named("int"), named("bigint"))));
        assertThat(aggregate.finalFunction()).isEqualTo(QualifiedName.unqualified("avg_final"));
        assertThat(aggregate.initialCondition()).isEqualTo(new Term.TupleLiteral(List.of(integer("0"), integer("0"))));

        assertThat(CqlParser.parse("DROP FUNCTION IF EXISTS ks.plus (int, int)")).isEqualTo(
                new DropFunctionStatement(new QualifiedName("ks", "plus"), true, List.of(named("int"), named("int"))));
        assertThat(CqlParser.parse("DROP FUNCTION f")).isEqualTo(new DropFunctionStatement(QualifiedName.unqualified("f"), false, null));
        assertThat(CqlParser.parse("DROP AGGREGATE ks.avg (int)")).isEqualTo(
                new DropAggregateStatement(new QualifiedName("ks", "avg"), false, List.of(named("int"))));
    }

    @Test
    void triggers() {
        assertThat(CqlParser.parse("CREATE TRIGGER IF NOT EXISTS trg ON ks.t USING 'org.example.Trigger'")).isEqualTo(
                new CreateTriggerStatement("trg", true, new QualifiedName("ks", "t"), "org.example.Trigger"));
        assertThat(CqlParser.parse("DROP TRIGGER trg ON t")).isEqualTo(
                new DropTriggerStatement("trg", false, QualifiedName.unqualified("t")));
    }
}
