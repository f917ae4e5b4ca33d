package org.charybdis.server.cql.statements.describe;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.cql.statements.describe.DescribeStatementsTest.DEFAULT_OPTIONS;

/**
 * DESCRIBE of COMPACT STORAGE tables, before and after DROP COMPACT STORAGE. Expected texts are Cassandra 5.0.6's
 * (run with drop_compact_storage_enabled), but for our default compaction (see {@link DescribeStatementsTest}).
 */
class CompactTableDescribeTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.DROP_COMPACT_STORAGE_ENABLED, true);
    private static CqlSession session;

    /**
     * What Cassandra 5.0 answers for a COMPACT STORAGE table: a comment holding its approximate CREATE TABLE, with
     * {@code lines} between the opening parenthesis and the default options.
     */
    private static String legacy(String table, String... lines) {
        return "/*\nWarning: Table " + table + " omitted because it has constructs not compatible with CQL (was created via legacy API).\n"
                + "Approximate structure, for reference:\n(this should not be used to reproduce this schema)\n\n"
                + ordinary(table, lines) + "\n*/";
    }

    @BeforeAll
    static void createSchema() {
        session = server.session();
        for (String cql : List.of(
                "CREATE KEYSPACE cs_desc WITH replication = {'class':'SimpleStrategy','replication_factor':1}",
                "CREATE TABLE cs_desc.dense (k int, c1 int, c2 text, v int, PRIMARY KEY (k, c1, c2)) WITH COMPACT STORAGE"
                        + " AND CLUSTERING ORDER BY (c1 DESC, c2 ASC)",
                "CREATE TABLE cs_desc.novalue (k int, c int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE",
                "CREATE TABLE cs_desc.stat (k int, c int, v int, PRIMARY KEY ((k, c))) WITH COMPACT STORAGE",
                "CREATE TABLE cs_desc.hits (k int PRIMARY KEY, n counter) WITH COMPACT STORAGE",
                "CREATE TABLE cs_desc.dropped (k int PRIMARY KEY, a int, b text) WITH COMPACT STORAGE",
                "CREATE TABLE cs_desc.with_dropped (k int PRIMARY KEY, a int, b int) WITH COMPACT STORAGE",
                "ALTER TABLE cs_desc.with_dropped DROP a USING TIMESTAMP 1795247102996000",
                "CREATE TABLE cs_desc.dropped_dense (k int, c int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE",
                "CREATE TABLE cs_desc.dropped_hits (k int PRIMARY KEY, n counter) WITH COMPACT STORAGE",
                "ALTER TABLE cs_desc.dropped DROP COMPACT STORAGE",
                "ALTER TABLE cs_desc.dropped_dense DROP COMPACT STORAGE",
                "ALTER TABLE cs_desc.dropped_hits DROP COMPACT STORAGE")) {
            session.execute(cql);
        }
    }

    @Test
    void denseTableInsideAWarningWithItsValueColumn() {
        assertThat(createStatement("DESCRIBE TABLE cs_desc.dense")).isEqualTo(legacy("cs_desc.dense",
                "    k int,", "    c1 int,", "    c2 text,", "    v int,", "    PRIMARY KEY (k, c1, c2)",
                ") WITH COMPACT STORAGE", "    AND CLUSTERING ORDER BY (c1 DESC, c2 ASC)"));
    }

    @Test
    void denseTableWithoutValueHidesItsEmptyColumn() {
        assertThat(createStatement("DESCRIBE TABLE cs_desc.novalue")).isEqualTo(legacy("cs_desc.novalue",
                "    k int,", "    c int,", "    PRIMARY KEY (k, c)", ") WITH COMPACT STORAGE", "    AND CLUSTERING ORDER BY (c ASC)"));
    }

    @Test
    void staticCompactTableShowsItsColumnsNotStaticAndTheHiddenClusteringOrder() {
        assertThat(createStatement("DESCRIBE TABLE cs_desc.stat")).isEqualTo(legacy("cs_desc.stat",
                "    k int,", "    c int,", "    v int,", "    PRIMARY KEY ((k, c))", ") WITH COMPACT STORAGE",
                "    AND CLUSTERING ORDER BY (column1 ASC)"));
    }

    @Test
    void withInternalsTheIdFollowsCompactStorage() {
        UUID id = session.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = 'cs_desc' AND table_name = 'hits'")
                .one().getUuid("id");
        assertThat(createStatement("DESCRIBE TABLE cs_desc.hits WITH INTERNALS")).isEqualTo(legacy("cs_desc.hits",
                "    k int,", "    n counter,", "    PRIMARY KEY (k)", ") WITH COMPACT STORAGE", "    AND ID = " + id,
                "    AND CLUSTERING ORDER BY (column1 ASC)"));
    }

    @Test
    void withInternalsDroppedColumnsAreDroppedAgainInsideTheComment() {
        UUID id = session.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = 'cs_desc' AND table_name = 'with_dropped'")
                .one().getUuid("id");
        assertThat(createStatement("DESCRIBE TABLE cs_desc.with_dropped WITH INTERNALS")).isEqualTo(legacy("cs_desc.with_dropped",
                "    k int,", "    b int,", "    a int static,", "    PRIMARY KEY (k)", ") WITH COMPACT STORAGE", "    AND ID = " + id,
                "    AND CLUSTERING ORDER BY (column1 ASC)")
                .replace(";\n*/", ";\nALTER TABLE cs_desc.with_dropped DROP a USING TIMESTAMP 1795247102996000;\n*/"));
    }

    @Test
    void afterDropCompactStorageTheHiddenColumnsAreOrdinaryOnes() {
        assertThat(createStatement("DESCRIBE TABLE cs_desc.dropped")).isEqualTo(ordinary("cs_desc.dropped",
                "    k int,", "    column1 text,", "    a int static,", "    b text static,", "    value blob,",
                "    PRIMARY KEY (k, column1)", ") WITH CLUSTERING ORDER BY (column1 ASC)"));
        assertThat(createStatement("DESCRIBE TABLE cs_desc.dropped_dense")).isEqualTo(ordinary("cs_desc.dropped_dense",
                "    k int,", "    c int,", "    value empty,", "    PRIMARY KEY (k, c)", ") WITH CLUSTERING ORDER BY (c ASC)"));
        assertThat(createStatement("DESCRIBE TABLE cs_desc.dropped_hits")).isEqualTo(ordinary("cs_desc.dropped_hits",
                "    k int,", "    column1 text,", "    n counter static,", "    value counter,", "    PRIMARY KEY (k, column1)",
                ") WITH CLUSTERING ORDER BY (column1 ASC)"));
    }

    /** An ordinary table's CREATE TABLE, with {@code lines} between the opening parenthesis and the default options. */
    private static String ordinary(String table, String... lines) {
        return "CREATE TABLE " + table + " (\n" + String.join("\n", lines) + "\n    AND " + DEFAULT_OPTIONS;
    }

    private static String createStatement(String cql) {
        return session.execute(cql).one().getString("create_statement");
    }
}
