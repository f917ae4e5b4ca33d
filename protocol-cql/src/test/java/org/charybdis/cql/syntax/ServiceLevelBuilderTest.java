package org.charybdis.cql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceLevelBuilderTest {

    @Test
    void createWithOptions() {
        CreateServiceLevelStatement create = (CreateServiceLevelStatement) CqlParser.parse(
                "CREATE SERVICE LEVEL IF NOT EXISTS olap WITH shares = 200 AND timeout = 500ms AND workload_type = 'batch'");
        assertThat(create.serviceLevel()).isEqualTo("olap");
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.options()).isEqualTo(Map.of(
                "shares", new Term.Literal(Term.LiteralKind.INTEGER, "200"),
                "timeout", new Term.Literal(Term.LiteralKind.DURATION, "500ms"),
                "workload_type", new Term.Literal(Term.LiteralKind.STRING, "batch")));

        assertThat(((CreateServiceLevelStatement) CqlParser.parse("CREATE SERVICE LEVEL sl")).options()).isEmpty();
    }

    @Test
    void alterDropAttachDetach() {
        AlterServiceLevelStatement alter = (AlterServiceLevelStatement) CqlParser.parse(
                "ALTER SERVICE LEVEL sl WITH timeout = null AND workload_type = interactive");
        assertThat(alter.options()).isEqualTo(Map.of("timeout", new Term.NullLiteral(),
                "workload_type", new Term.Literal(Term.LiteralKind.STRING, "interactive")));
        assertThat(CqlParser.parse("DROP SERVICE LEVEL IF EXISTS sl")).isEqualTo(new DropServiceLevelStatement("sl", true));
        assertThat(CqlParser.parse("ATTACH SERVICE LEVEL olap TO analyst"))
                .isEqualTo(new AttachServiceLevelStatement("olap", "analyst"));
        assertThat(CqlParser.parse("DETACH SERVICE LEVEL FROM analyst")).isEqualTo(new DetachServiceLevelStatement("analyst"));
    }

    @Test
    void listForms() {
        assertThat(CqlParser.parse("LIST SERVICE LEVEL sl"))
                .isEqualTo(new ListServiceLevelsStatement(ListServiceLevelsStatement.Kind.ONE, "sl", null));
        assertThat(CqlParser.parse("LIST ALL SERVICE LEVELS"))
                .isEqualTo(new ListServiceLevelsStatement(ListServiceLevelsStatement.Kind.ALL, null, null));
        assertThat(CqlParser.parse("LIST ATTACHED SERVICE LEVEL OF bob"))
                .isEqualTo(new ListServiceLevelsStatement(ListServiceLevelsStatement.Kind.ATTACHED, null, "bob"));
        assertThat(CqlParser.parse("LIST ALL ATTACHED SERVICE LEVELS"))
                .isEqualTo(new ListServiceLevelsStatement(ListServiceLevelsStatement.Kind.ALL_ATTACHED, null, null));
        assertThat(CqlParser.parse("LIST EFFECTIVE SERVICE LEVEL OF bob"))
                .isEqualTo(new ListServiceLevelsStatement(ListServiceLevelsStatement.Kind.EFFECTIVE, null, "bob"));
    }

    @Test
    void scyllaOneWordSpellings() {
        assertThat(CqlParser.parse("CREATE SERVICE_LEVEL IF NOT EXISTS olap WITH SHARES = 100"))
                .isInstanceOf(CreateServiceLevelStatement.class);
        assertThat(CqlParser.parse("LIST ALL SERVICE_LEVELS"))
                .isEqualTo(new ListServiceLevelsStatement(ListServiceLevelsStatement.Kind.ALL, null, null));
        assertThat(CqlParser.parse("ATTACH SERVICE_LEVEL olap TO spark")).isEqualTo(new AttachServiceLevelStatement("olap", "spark"));
        assertThat(CqlParser.parse("DETACH SERVICE_LEVEL FROM spark")).isEqualTo(new DetachServiceLevelStatement("spark"));
        // still plain identifiers elsewhere: ScyllaDB's tables have such columns
        assertThat(CqlParser.parse("SELECT service_level FROM system.service_levels_v2")).isInstanceOf(SelectStatement.class);
        assertThat(CqlParser.parse("SELECT * FROM system_distributed.service_levels")).isInstanceOf(SelectStatement.class);
    }
}
