package org.charybdis.server.cql.statements.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.IndexKind;
import com.datastax.oss.driver.api.core.metadata.schema.IndexMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.servererrors.InvalidConfigurationInQueryException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * CREATE INDEX and DROP INDEX through the Java driver: targets on every kind of column, default and explicit
 * names, IF [NOT] EXISTS, SAI syntax, Cassandra's refusals, and the index in system_schema.indexes, the driver's
 * metadata and DESCRIBE. Every expected result and error was recorded from Apache Cassandra 5.0.6 running the same
 * statements; the class also passes against it ({@code -Dcharybdis.test.external=127.0.0.1:9043
 * -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class IndexStatementsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("DROP KEYSPACE IF EXISTS ixs");
        session.execute("CREATE KEYSPACE ixs WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE ixs.t (pk int, pk2 int, c int, c2 text, v int, w int, s int static, l list<int>, st set<text>, "
                + "m map<text, int>, fl frozen<list<int>>, PRIMARY KEY ((pk, pk2), c, c2))");
    }

    @Test
    void indexInfoListsTheIndexesOfAKeyspace() {
        session.execute("CREATE TABLE IF NOT EXISTS ixs.info (k int PRIMARY KEY, a int, b int)");
        session.execute("CREATE INDEX IF NOT EXISTS info_b ON ixs.info (b)");
        session.execute("CREATE INDEX IF NOT EXISTS info_a ON ixs.info (a)");
        assertThat(ResultRows.columns(session, "SELECT * FROM system.\"IndexInfo\""))
                .containsExactly("table_name:text", "index_name:text", "value:blob");
        assertThat(ResultRows.rows(session, "SELECT * FROM system.\"IndexInfo\" WHERE table_name = 'ixs' AND index_name IN ('info_a', 'info_b')"))
                .containsExactly("ixs, info_a, null", "ixs, info_b, null");
    }

    @Test
    void indexesOnEveryKindOfColumnWithCassandrasNamesAndErrors() {
        session.execute("CREATE INDEX ON ixs.t (v)");
        assertError("CREATE INDEX ON ixs.t (v)", "Index t_v_idx_1 is a duplicate of existing index t_v_idx");
        session.execute("CREATE INDEX IF NOT EXISTS ON ixs.t (v)");
        assertError("CREATE INDEX t_v_idx ON ixs.t (w)", "Index 't_v_idx' already exists");
        assertError("CREATE INDEX v2 ON ixs.t (v)", "Index v2 is a duplicate of existing index t_v_idx");
        for (String target : new String[] {"s", "c", "c2", "pk", "pk2", "l", "st", "full(fl)"}) session.execute("CREATE INDEX ON ixs.t (" + target + ")");
        session.execute("CREATE INDEX mk ON ixs.t (keys(m))");
        session.execute("CREATE INDEX mv ON ixs.t (values(m))");
        session.execute("CREATE INDEX me ON ixs.t (entries(m))");
        assertError("CREATE INDEX ON ixs.t (keys(st))", "Cannot create index on keys of column st with non-map type");
        assertError("CREATE INDEX ON ixs.t (m)", "Index t_m_idx is a duplicate of existing index mv");
        assertError("CREATE INDEX ON ixs.t (fl)", "Cannot create values() index on frozen column fl. Frozen collections are immutable and must "
                + "be fully indexed by using the 'full(fl)' modifier");
        assertError("CREATE INDEX ON ixs.t (full(l))", "full() indexes can only be created on frozen collections");
        assertError("CREATE INDEX ON ixs.t (keys(v))", "Cannot create keys() index on v. Non-collection columns only support simple indexes");
        assertError("CREATE INDEX ON ixs.t (nope)", "Undefined column name nope in table ixs.t");
        assertError("CREATE INDEX ON ixs.nope (v)", "Table 'nope' doesn't exist");
        assertError("CREATE INDEX ON nope.t (v)", "Keyspace 'nope' doesn't exist");
        assertError("CREATE INDEX ON ixs.t (v, w)", "Only CUSTOM indexes support multiple columns");
        assertError("CREATE INDEX ON ixs.t (w) WITH OPTIONS = {'x': 'y'}", "Cannot specify options for a non-CUSTOM index");
        assertError("CREATE INDEX \"bad name\" ON ixs.t (v)", "Index bad name is a duplicate of existing index t_v_idx");
        assertThatThrownBy(() -> session.execute("CREATE INDEX \"bad name\" ON ixs.t (w)"))
                .isInstanceOf(InvalidConfigurationInQueryException.class).hasMessage("Illegal index name bad name");
        assertThatThrownBy(() -> session.execute("CREATE INDEX ON ixs.t (w) USING 'foo'"))
                .isInstanceOf(InvalidConfigurationInQueryException.class).hasMessage("Unable to find custom indexer class 'foo'");
        assertThatThrownBy(() -> session.execute("CREATE INDEX ON system.local (key)"))
                .isInstanceOf(UnauthorizedException.class).hasMessage("system keyspace is not user-modifiable.");
        assertError("ALTER TABLE ixs.t DROP v", "Cannot drop column v because it has dependent secondary indexes (t_v_idx)");
        assertError("ALTER TABLE ixs.t RENAME c TO cc", "Can't rename column c because it has dependent secondary indexes (t_c_idx)");

        assertThat(rows(session, "SELECT index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = 'ixs' AND table_name = 't'"))
                .containsExactly("me, COMPOSITES, {target=entries(m)}", "mk, COMPOSITES, {target=keys(m)}", "mv, COMPOSITES, {target=values(m)}",
                        "t_c2_idx, COMPOSITES, {target=c2}", "t_c_idx, COMPOSITES, {target=c}", "t_fl_idx, COMPOSITES, {target=full(fl)}",
                        "t_l_idx, COMPOSITES, {target=values(l)}", "t_pk2_idx, COMPOSITES, {target=pk2}", "t_pk_idx, COMPOSITES, {target=pk}",
                        "t_s_idx, COMPOSITES, {target=s}", "t_st_idx, COMPOSITES, {target=values(st)}", "t_v_idx, COMPOSITES, {target=v}");
    }

    @Test
    void saiSyntaxDriverMetadataDescribeAndDrop() {
        session.execute("CREATE TABLE ixs.u (pk int, c int, v int, w text, x int, \"Odd Col\" int, PRIMARY KEY (pk, c))");
        session.execute("CREATE INDEX ON ixs.u (v) USING 'sai'");
        session.execute("CREATE CUSTOM INDEX wi ON ixs.u (w) USING 'StorageAttachedIndex'");
        session.execute("CREATE INDEX xi ON ixs.u (x) USING 'legacy_local_table'");
        session.execute("CREATE INDEX ON ixs.u (\"Odd Col\")");
        session.execute("CREATE INDEX IF NOT EXISTS u_v_idx ON ixs.u (x)");
        assertError("CREATE INDEX ON ixs.u (pk)", "Cannot create secondary index on the only partition key column pk");
        assertError("CREATE CUSTOM INDEX ON ixs.u (v, c) USING 'sai'", "A storage-attached index cannot be created over multiple columns: v, c");
        assertThat(rows(session, "SELECT index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = 'ixs' AND table_name = 'u'"))
                .containsExactly("u_OddCol_idx, COMPOSITES, {target=\"Odd Col\"}", "u_v_idx, CUSTOM, {class_name=sai, target=v}",
                        "wi, CUSTOM, {class_name=StorageAttachedIndex, target=w}", "xi, COMPOSITES, {target=x}");

        TableMetadata table = session.refreshSchema().getKeyspace("ixs").orElseThrow().getTable("u").orElseThrow();
        IndexMetadata sai = table.getIndexes().values().stream().filter(i -> i.getName().asInternal().equals("u_v_idx")).findFirst().orElseThrow();
        assertThat(sai.getKind()).isEqualTo(IndexKind.CUSTOM);
        assertThat(sai.getClassName()).contains("sai");
        assertThat(sai.getTarget()).isEqualTo("v");
        assertThat(table.getIndexes()).hasSize(4);

        assertThat(describe("DESCRIBE INDEX ixs.u_v_idx")).containsExactly("index u_v_idx CREATE CUSTOM INDEX u_v_idx ON ixs.u (v) USING 'sai';");
        assertThat(describe("DESCRIBE INDEX ixs.wi")).containsExactly("index wi CREATE CUSTOM INDEX wi ON ixs.u (w) USING 'StorageAttachedIndex';");
        assertThat(describe("DESCRIBE INDEX ixs.xi")).containsExactly("index xi CREATE INDEX xi ON ixs.u (x);");
        assertThat(describe("DESCRIBE ixs.xi")).containsExactly("index xi CREATE INDEX xi ON ixs.u (x);");
        assertThat(describe("DESCRIBE TABLE ixs.u")).extracting(line -> line.substring(0, line.indexOf(' ', line.indexOf(' ') + 1)))
                .containsExactly("table u", "index \"u_OddCol_idx\"", "index u_v_idx", "index wi", "index xi");
        assertError("DESCRIBE INDEX ixs.nope", "Table for existing index 'nope' not found in 'ixs'");

        assertError("DROP INDEX ixs.nope", "Index 'ixs.nope' doesn't exist'");
        session.execute("DROP INDEX IF EXISTS ixs.nope");
        session.execute("DROP INDEX IF EXISTS nope.nope");
        session.execute("DROP INDEX ixs.xi");
        assertThat(rows(session, "SELECT index_name FROM system_schema.indexes WHERE keyspace_name = 'ixs' AND table_name = 'u'"))
                .containsExactly("u_OddCol_idx", "u_v_idx", "wi");
        session.execute("DROP TABLE ixs.u");
        assertThat(rows(session, "SELECT index_name FROM system_schema.indexes WHERE keyspace_name = 'ixs' AND table_name = 'u'")).isEmpty();
        // the names are free again
        session.execute("CREATE TABLE ixs.u2 (pk int PRIMARY KEY, x int)");
        session.execute("CREATE INDEX xi ON ixs.u2 (x)");
    }

    @Test
    void countersCannotBeIndexed() {
        session.execute("CREATE TABLE ixs.cnt (pk int PRIMARY KEY, n counter)");
        assertError("CREATE INDEX ON ixs.cnt (n)", "Secondary indexes on counter tables aren't supported");
    }

    private static java.util.List<String> describe(String cql) {
        return session.execute(cql).all().stream().map(r -> r.getString("type") + " " + r.getString("name") + " " + r.getString("create_statement")).toList();
    }

    private static void assertError(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }

}
