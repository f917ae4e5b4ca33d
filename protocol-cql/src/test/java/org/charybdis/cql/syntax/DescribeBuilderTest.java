package org.charybdis.cql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.charybdis.cql.syntax.DescribeStatement.Target;
import org.junit.jupiter.api.Test;

class DescribeBuilderTest {

    private static DescribeStatement describe(String cql) {
        return (DescribeStatement) CqlParser.parse(cql);
    }

    @Test
    void listingTargets() {
        assertThat(describe("DESCRIBE CLUSTER")).isEqualTo(new DescribeStatement(Target.CLUSTER, null, false));
        assertThat(describe("DESC KEYSPACES")).isEqualTo(new DescribeStatement(Target.KEYSPACES, null, false));
        assertThat(describe("DESC TABLES")).isEqualTo(new DescribeStatement(Target.TABLES, null, false));
        assertThat(describe("DESC TYPES")).isEqualTo(new DescribeStatement(Target.TYPES, null, false));
        assertThat(describe("DESC FUNCTIONS")).isEqualTo(new DescribeStatement(Target.FUNCTIONS, null, false));
        assertThat(describe("DESC AGGREGATES")).isEqualTo(new DescribeStatement(Target.AGGREGATES, null, false));
        assertThat(describe("DESC SCHEMA")).isEqualTo(new DescribeStatement(Target.SCHEMA, null, false));
        assertThat(describe("DESC FULL SCHEMA WITH INTERNALS")).isEqualTo(new DescribeStatement(Target.FULL_SCHEMA, null, true));
    }

    @Test
    void namedTargets() {
        assertThat(describe("DESCRIBE KEYSPACE")).isEqualTo(new DescribeStatement(Target.KEYSPACE, null, false));
        assertThat(describe("DESCRIBE KEYSPACE Ks WITH INTERNALS"))
                .isEqualTo(new DescribeStatement(Target.KEYSPACE, QualifiedName.unqualified("ks"), true));
        assertThat(describe("DESCRIBE ONLY KEYSPACE ks"))
                .isEqualTo(new DescribeStatement(Target.ONLY_KEYSPACE, QualifiedName.unqualified("ks"), false));
        assertThat(describe("DESC TABLE ks.t")).isEqualTo(new DescribeStatement(Target.TABLE, new QualifiedName("ks", "t"), false));
        assertThat(describe("DESC TYPE addr")).isEqualTo(new DescribeStatement(Target.TYPE, QualifiedName.unqualified("addr"), false));
        assertThat(describe("DESC FUNCTION ks.f")).isEqualTo(new DescribeStatement(Target.FUNCTION, new QualifiedName("ks", "f"), false));
        assertThat(describe("DESC AGGREGATE a")).isEqualTo(new DescribeStatement(Target.AGGREGATE, QualifiedName.unqualified("a"), false));
        assertThat(describe("DESC INDEX ks.i")).isEqualTo(new DescribeStatement(Target.INDEX, new QualifiedName("ks", "i"), false));
        assertThat(describe("DESC MATERIALIZED VIEW v"))
                .isEqualTo(new DescribeStatement(Target.MATERIALIZED_VIEW, QualifiedName.unqualified("v"), false));
        assertThat(describe("DESC ks.something WITH INTERNALS"))
                .isEqualTo(new DescribeStatement(Target.NAME, new QualifiedName("ks", "something"), true));
        assertThat(describe("DESC users")).isEqualTo(new DescribeStatement(Target.NAME, QualifiedName.unqualified("users"), false));
    }
}
