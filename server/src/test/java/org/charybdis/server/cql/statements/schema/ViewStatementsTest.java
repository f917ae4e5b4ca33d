package org.charybdis.server.cql.statements.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.ViewMetadata;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * CREATE, ALTER and DROP MATERIALIZED VIEW through the Java driver: Cassandra's restrictions and messages, what views
 * forbid on themselves and on their base, system_schema.views and columns, the driver's metadata and DESCRIBE. Every
 * expected result and error was recorded from Apache Cassandra 5.0.6 running the same statements; the class also passes
 * against it ({@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class ViewStatementsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("DROP KEYSPACE IF EXISTS mv_ddl");
        session.execute("CREATE KEYSPACE mv_ddl WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE mv_ddl.t (k int, c int, v int, w text, l list<int>, PRIMARY KEY (k, c))");
        session.execute("CREATE TABLE mv_ddl.st (k int, c int, s int static, v int, PRIMARY KEY (k, c))");
        session.execute("CREATE TABLE mv_ddl.cnt (k int PRIMARY KEY, n counter)");
    }

    @Test
    void cassandrasRestrictionsAndMessages() {
        String prefix = "CREATE MATERIALIZED VIEW mv_ddl.bad AS SELECT * FROM mv_ddl.t WHERE ";
        assertError(prefix + "v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k, c)",
                "Primary key columns c must be restricted with 'IS NOT NULL' or otherwise");
        assertError(prefix + "v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k)",
                "Cannot create materialized view 'bad' without primary key columns c from base table 't'");
        assertError(prefix + "v IS NOT NULL AND w IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, w, k, c)",
                "Cannot include more than one non-primary key column in materialized view primary key (got v, w)");
        assertError(prefix + "k IS NOT NULL AND c IS NOT NULL AND nope IS NOT NULL PRIMARY KEY (nope, k, c)",
                "Unknown column 'nope' referenced in PRIMARY KEY for materialized view 'bad'");
        assertError(prefix + "k IS NOT NULL AND c IS NOT NULL AND v = 1 PRIMARY KEY (c, k)",
                "Non-primary key columns can only be restricted with 'IS NOT NULL' (got: v restricted illegally)");
        assertError(prefix + "k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k) WITH default_time_to_live = 5",
                "Cannot set default_time_to_live for a materialized view. Data in a materialized view always expire at the same time than"
                        + " the corresponding data in the parent table.");
        assertError("CREATE MATERIALIZED VIEW mv_ddl.bad AS SELECT k, c, s FROM mv_ddl.st WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)",
                "Cannot include static column 's' in materialized view 'bad'");
        assertError("CREATE MATERIALIZED VIEW mv_ddl.bad AS SELECT nope FROM mv_ddl.t WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)",
                "Undefined column name nope in table mv_ddl.t");
        assertError("CREATE MATERIALIZED VIEW mv_ddl.bad AS SELECT * FROM mv_ddl.cnt WHERE k IS NOT NULL PRIMARY KEY (k)",
                "Materialized views are not supported on counter tables");
        assertError("CREATE MATERIALIZED VIEW mv_ddl.bad AS SELECT * FROM mv_ddl.nope WHERE k IS NOT NULL PRIMARY KEY (k)",
                "Base table 'nope' doesn't exist");
        assertError("CREATE MATERIALIZED VIEW nope.bad AS SELECT * FROM nope.t WHERE k IS NOT NULL PRIMARY KEY (k)", "Keyspace 'nope' doesn't exist");
        assertError("CREATE MATERIALIZED VIEW mv_ddl.t AS SELECT * FROM mv_ddl.t WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)",
                "Cannot create materialized view 't' - a table with the same name already exists");

        assertError(prefix + "k IS NOT NULL AND c IS NOT NULL AND token(k) > 0 PRIMARY KEY (c, k)", "Cannot use token relation when defining a materialized view");
        assertError(prefix + "k IS NOT NULL AND c IS NOT NULL AND nope IS NOT NULL PRIMARY KEY (c, k)", "Undefined column name nope in table mv_ddl.t");
        assertError(prefix + "k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k, c)", "Duplicate column 'c' in PRIMARY KEY clause for materialized view 'bad'");
        assertError(prefix + "k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k) WITH CLUSTERING ORDER BY (c DESC)",
                "Clustering key columns must exactly match columns in CLUSTERING ORDER BY directive");
        assertError("CREATE MATERIALIZED VIEW nope.bad AS SELECT * FROM mv_ddl.t WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)",
                "Cannot create a materialized view on a table in a different keyspace");
        // Cassandra names the selector by its Java object here: only the start of the message is Cassandra's
        assertThatThrownBy(() -> session.execute("CREATE MATERIALIZED VIEW mv_ddl.bad AS SELECT k AS kk, c FROM mv_ddl.t WHERE k IS NOT NULL"
                + " AND c IS NOT NULL PRIMARY KEY (c, k)")).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("Cannot use aliases when defining a materialized view (got ");
        assertThatThrownBy(() -> session.execute("CREATE MATERIALIZED VIEW mv_ddl.bad AS SELECT k, c, writetime(v) FROM mv_ddl.t WHERE k IS NOT NULL"
                + " AND c IS NOT NULL PRIMARY KEY (c, k)")).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("Can only select columns by name when defining a materialized view (got ");

        session.execute("CREATE MATERIALIZED VIEW mv_ddl.by_v AS SELECT * FROM mv_ddl.t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k, c)");
        assertThatThrownBy(() -> session.execute("CREATE MATERIALIZED VIEW mv_ddl.by_v AS SELECT * FROM mv_ddl.t WHERE v IS NOT NULL AND k IS NOT NULL"
                + " AND c IS NOT NULL PRIMARY KEY (v, k, c)")).isInstanceOf(AlreadyExistsException.class).hasMessage("Object mv_ddl.by_v already exists");
        session.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS mv_ddl.by_v AS SELECT * FROM mv_ddl.t WHERE v IS NOT NULL AND k IS NOT NULL"
                + " AND c IS NOT NULL PRIMARY KEY (v, k, c)");
        assertError("CREATE MATERIALIZED VIEW mv_ddl.bad AS SELECT * FROM mv_ddl.by_v WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL"
                + " PRIMARY KEY (k, c, v)", "Base table 'by_v' doesn't exist");

        // what a view forbids on itself
        assertError("INSERT INTO mv_ddl.by_v (v, k, c) VALUES (1, 1, 1)", "Cannot directly modify a materialized view");
        assertError("UPDATE mv_ddl.by_v SET w = 'a' WHERE v = 1 AND k = 1 AND c = 1", "Cannot directly modify a materialized view");
        assertError("DELETE FROM mv_ddl.by_v WHERE v = 1", "Cannot directly modify a materialized view");
        assertError("DROP TABLE mv_ddl.by_v", "Cannot use DROP TABLE on a materialized view. Please use DROP MATERIALIZED VIEW instead.");
        assertError("ALTER TABLE mv_ddl.by_v WITH comment = 'x'", "Cannot use ALTER TABLE on a materialized view; use ALTER MATERIALIZED VIEW instead");
        assertError("CREATE INDEX ON mv_ddl.by_v (w)", "Secondary indexes on materialized views aren't supported");
        assertError("TRUNCATE mv_ddl.by_v", "Cannot TRUNCATE materialized view directly; must truncate base table instead");
        // and on its base
        assertError("DROP TABLE mv_ddl.t", "Cannot drop a table when materialized views still depend on it (mv_ddl)");
        assertError("ALTER TABLE mv_ddl.t DROP w", "Cannot drop column w on base table t with materialized views");

        session.execute("ALTER MATERIALIZED VIEW mv_ddl.by_v WITH comment = 'by value'");
        assertError("ALTER MATERIALIZED VIEW mv_ddl.by_v WITH default_time_to_live = 5", "Forbidden default_time_to_live detected for a materialized view."
                + " Data in a materialized view always expire at the same time than the corresponding data in the parent table. default_time_to_live"
                + " must be set to zero, see CASSANDRA-12868 for more information");
        assertError("ALTER MATERIALIZED VIEW mv_ddl.t WITH comment = 'x'", "Materialized view 'mv_ddl.t' doesn't exist");
        session.execute("ALTER MATERIALIZED VIEW IF EXISTS mv_ddl.nope WITH comment = 'x'");
        assertError("DROP MATERIALIZED VIEW mv_ddl.t", "Materialized view 'mv_ddl.t' doesn't exist");
        session.execute("DROP MATERIALIZED VIEW IF EXISTS mv_ddl.nope");

        session.execute("DROP MATERIALIZED VIEW mv_ddl.by_v");
        assertThat(rows(session, "SELECT view_name FROM system_schema.views WHERE keyspace_name = 'mv_ddl' AND view_name = 'by_v'")).isEmpty();
        session.execute("ALTER TABLE mv_ddl.t DROP w"); // no view depends on it any more
        session.execute("ALTER TABLE mv_ddl.t ADD w text");
    }

    @Test
    void schemaTablesDriverMetadataAndDescribe() {
        session.execute("CREATE TABLE mv_ddl.u (k int, c int, v int, w text, PRIMARY KEY (k, c))");
        session.execute("CREATE MATERIALIZED VIEW mv_ddl.u_by_v AS SELECT * FROM mv_ddl.u WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL"
                + " PRIMARY KEY (v, k, c)");
        session.execute("CREATE MATERIALIZED VIEW mv_ddl.u_by_c AS SELECT k, c, v FROM mv_ddl.u WHERE k IS NOT NULL AND c IS NOT NULL AND c > 1"
                + " PRIMARY KEY (c, k) WITH CLUSTERING ORDER BY (k DESC) AND comment = 'hi'");
        session.execute("ALTER TABLE mv_ddl.u ADD z int"); // joins the SELECT * view only

        assertThat(rows(session, "SELECT view_name, base_table_name, include_all_columns, where_clause, comment, default_time_to_live"
                + " FROM system_schema.views WHERE keyspace_name = 'mv_ddl' AND view_name IN ('u_by_c', 'u_by_v')")).containsExactly(
                "u_by_c, u, false, k IS NOT NULL AND c IS NOT NULL AND c > 1, hi, 0",
                "u_by_v, u, true, v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL, , 0");
        assertThat(rows(session, "SELECT column_name, clustering_order, kind, position, type FROM system_schema.columns"
                + " WHERE keyspace_name = 'mv_ddl' AND table_name = 'u_by_v'")).containsExactly(
                "c, asc, clustering, 1, int", "k, asc, clustering, 0, int", "v, none, partition_key, 0, int",
                "w, none, regular, -1, text", "z, none, regular, -1, int");
        assertThat(rows(session, "SELECT column_name, clustering_order, kind FROM system_schema.columns"
                + " WHERE keyspace_name = 'mv_ddl' AND table_name = 'u_by_c'")).containsExactly(
                "c, none, partition_key", "k, desc, clustering", "v, none, regular");
        assertThat(rows(session, "SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'mv_ddl' AND table_name = 'u_by_v'")).isEmpty();

        ViewMetadata view = session.refreshSchema().getKeyspace("mv_ddl").orElseThrow().getView("u_by_v").orElseThrow();
        assertThat(view.getBaseTable().asInternal()).isEqualTo("u");
        assertThat(view.includesAllColumns()).isTrue();
        assertThat(view.getWhereClause()).contains("v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL");
        assertThat(view.getPartitionKey()).extracting(c -> c.getName().asInternal()).containsExactly("v");
        assertThat(view.getClusteringColumns().keySet()).extracting(c -> c.getName().asInternal()).containsExactly("k", "c");

        List<String> described = describe("DESCRIBE MATERIALIZED VIEW mv_ddl.u_by_c");
        assertThat(described).hasSize(1);
        assertThat(described.getFirst()).startsWith("""
                materialized_view u_by_c CREATE MATERIALIZED VIEW mv_ddl.u_by_c AS
                    SELECT c, k, v
                    FROM mv_ddl.u
                    WHERE k IS NOT NULL AND c IS NOT NULL AND c > 1
                    PRIMARY KEY (c, k)
                 WITH CLUSTERING ORDER BY (k DESC)
                    AND additional_write_policy = '99p'
                    AND allow_auto_snapshot = true""")
                .contains("    AND comment = 'hi'\n").doesNotContain("default_time_to_live")
                .endsWith("    AND speculative_retry = '99p';");
        assertThat(describe("DESCRIBE MATERIALIZED VIEW mv_ddl.u_by_v").getFirst()).contains("""
                AS
                    SELECT *
                    FROM mv_ddl.u
                    WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL
                    PRIMARY KEY (v, k, c)
                 WITH CLUSTERING ORDER BY (k ASC, c ASC)
                """);
        assertThat(describe("DESCRIBE TABLE mv_ddl.u")).extracting(line -> line.substring(0, line.indexOf(' ', line.indexOf(' ') + 1)))
                .containsExactly("table u", "materialized_view u_by_c", "materialized_view u_by_v");
        assertError("DESCRIBE TABLE mv_ddl.u_by_v", "Table 'u_by_v' not found in keyspace 'mv_ddl'");
        assertError("DESCRIBE MATERIALIZED VIEW mv_ddl.u", "Materialized view 'u' not found in 'mv_ddl'");
    }

    @Test
    void renamingABaseKeyColumnRenamesItInTheViews() {
        session.execute("CREATE TABLE mv_ddl.r (k int, c int, v int, PRIMARY KEY (k, c))");
        session.execute("CREATE MATERIALIZED VIEW mv_ddl.r_by_v AS SELECT * FROM mv_ddl.r WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL"
                + " AND c > 1 PRIMARY KEY (v, k, c)");
        session.execute("ALTER TABLE mv_ddl.r RENAME k TO kk");
        assertThat(rows(session, "SELECT where_clause FROM system_schema.views WHERE keyspace_name = 'mv_ddl' AND view_name = 'r_by_v'"))
                .containsExactly("v IS NOT NULL AND kk IS NOT NULL AND c IS NOT NULL AND c > 1");
        assertThat(rows(session, "SELECT column_name, kind FROM system_schema.columns WHERE keyspace_name = 'mv_ddl' AND table_name = 'r_by_v'"))
                .containsExactly("c, clustering", "kk, clustering", "v, partition_key");
        session.execute("INSERT INTO mv_ddl.r (kk, c, v) VALUES (1, 2, 3)");
        assertThat(rows(session, "SELECT v, kk, c FROM mv_ddl.r_by_v")).containsExactly("3, 1, 2");
    }

    @Test
    void whereClauseRestrictionsAsCassandraChecksThem() {
        session.execute("CREATE TABLE IF NOT EXISTS mv_ddl.b (k int, c int, v int, w int, l list<int>, t text, PRIMARY KEY (k, c))");
        String prefix = "CREATE MATERIALIZED VIEW mv_ddl.bad AS SELECT k, c, v, w, l, t FROM mv_ddl.b WHERE k IS NOT NULL AND c IS NOT NULL"
                + " AND v IS NOT NULL AND ";
        String key = " PRIMARY KEY (v, k, c)";
        assertError(prefix + "w = 3" + key, "Non-primary key columns can only be restricted with 'IS NOT NULL' (got: w restricted illegally)");
        assertError(prefix + "w IN (1, 2)" + key, "Non-primary key columns can only be restricted with 'IS NOT NULL' (got: w restricted illegally)");
        assertError(prefix + "l CONTAINS 3" + key, "Non-primary key columns can only be restricted with 'IS NOT NULL' (got: l restricted illegally)");
        assertError(prefix + "v = 3" + key, "Non-primary key columns can only be restricted with 'IS NOT NULL' (got: v restricted illegally)");
        assertError(prefix + "w != 3" + key, "Unsupported \"!=\" relation: w != 3");
        assertError(prefix + "t = 'a' AND c != 1" + key, "Unsupported \"!=\" relation: c != 1");
        assertError(prefix + "t LIKE 'a%'" + key, "LIKE restriction is only supported on properly indexed columns. t LIKE 'a%' is not valid.");
        assertError(prefix + "w = 3 AND w > 1" + key, "w cannot be restricted by more than one relation if it includes an Equal");
        assertError(prefix + "k = 1 AND k = 2" + key, "k cannot be restricted by more than one relation if it includes an Equal");
        assertError(prefix + "l = [1]" + key, "Collection column 'l' (list<int>) cannot be restricted by a '=' relation");
        assertError(prefix + "t = 'a' AND w = 'x'" + key, "Invalid STRING constant (x) for \"w\" of type int");
        assertError(prefix + "c IN (1, 'x')" + key, "Invalid STRING constant (x) for \"c\" of type int");
        assertError(prefix + "c CONTAINS 1" + key, "Cannot use CONTAINS on non-collection column c");
        assertError(prefix + "l CONTAINS KEY 1" + key, "Cannot use CONTAINS KEY on non-map column l");
        assertError(prefix + "(c, w) > (1, 2)" + key, "Multi-column relations can only be applied to clustering columns but was applied to: w");
        assertError(prefix + "(k, c) = (1, 1)" + key, "Multi-column relations can only be applied to clustering columns but was applied to: k");

        session.execute(prefix + "k IN (1, 2) AND (c) IN ((1), (3))" + key);
        assertThat(rows(session, "SELECT where_clause FROM system_schema.views WHERE keyspace_name = 'mv_ddl' AND view_name = 'bad'"))
                .containsExactly("k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL AND k IN (1, 2) AND (c) IN ((1), (3))");
        for (int k = 1; k <= 3; k++) {
            for (int c = 1; c <= 3; c++) session.execute("INSERT INTO mv_ddl.b (k, c, v) VALUES (?, ?, ?)", k, c, 10 * k + c);
        }
        assertThat(rows(session, "SELECT v FROM mv_ddl.bad")).containsExactlyInAnyOrder("11", "13", "21", "23");
        session.execute("DROP MATERIALIZED VIEW mv_ddl.bad");
    }

    private static List<String> describe(String cql) {
        return session.execute(cql).all().stream().map(r -> r.getString("type") + " " + r.getString("name") + " " + r.getString("create_statement")).toList();
    }

    private static void assertError(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
