package org.charybdis.server.cql.statements.select;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * WHERE clauses through the Java driver: collection relations, filtering, multi-column relations over
 * mixed clustering orders, IN on key columns, token() beside key restrictions. Every expected result and
 * error was recorded from Apache Cassandra 5.0.6 running the same statements (the class also passes
 * against it: {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class WhereClauseTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS wh WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TYPE IF NOT EXISTS wh.addr (street text, num int)");
        session.execute("DROP TABLE IF EXISTS wh.c");
        session.execute("CREATE TABLE wh.c (k int, c int, l list<int>, s set<text>, m map<text, int>, fl frozen<list<int>>, fs frozen<set<int>>, "
                + "fm frozen<map<text, int>>, u addr, fu frozen<addr>, v int, st int static, PRIMARY KEY (k, c))");
        session.execute("INSERT INTO wh.c (k, c, l, s, m, fl, fs, fm, u, fu, v, st) VALUES (1, 1, [1, 2, 3], {'a', 'b'}, "
                + "{'a': 1, 'b': 2, 'c': 3}, [1, 2], {5, 6}, {'x': 1}, {street: 'main', num: 1}, {street: 'elm', num: 2}, 10, 100)");
        session.execute("INSERT INTO wh.c (k, c, l, s, m, fl, fs, fm, v) VALUES (1, 2, [4], {'c'}, {'d': 4}, [3], {7}, {'y': 2}, 20)");
        session.execute("INSERT INTO wh.c (k, c, v, st) VALUES (2, 1, 30, 200)");
        session.execute("DROP TABLE IF EXISTS wh.mo");
        session.execute("CREATE TABLE wh.mo (k int, a int, b int, c int, v int, PRIMARY KEY (k, a, b, c)) "
                + "WITH CLUSTERING ORDER BY (a ASC, b DESC, c ASC)");
        int[][] rows = {{1, 0, 0, 0, 0}, {1, 0, 1, 0, 1}, {1, 0, 1, 1, 2}, {1, 1, 0, 0, 3}, {1, 1, 1, 0, 4}, {1, 1, 1, 1, 5},
                {1, 2, 0, 0, 6}, {1, 2, 2, 1, 7}, {2, 1, 1, 1, 8}};
        for (int[] r : rows) session.execute("INSERT INTO wh.mo (k, a, b, c, v) VALUES (?, ?, ?, ?, ?)", r[0], r[1], r[2], r[3], r[4]);
        session.execute("DROP TABLE IF EXISTS wh.t");
        session.execute("CREATE TABLE wh.t (a int, b int, c int, d int, v int, PRIMARY KEY ((a, b), c, d))");
        session.execute("INSERT INTO wh.t (a, b, c, d, v) VALUES (1, 1, 1, 1, 10)");
        session.execute("INSERT INTO wh.t (a, b, c, d, v) VALUES (1, 1, 1, 2, 20)");
        session.execute("INSERT INTO wh.t (a, b, c, d, v) VALUES (1, 1, 2, 1, 30)");
        session.execute("INSERT INTO wh.t (a, b, c, d, v) VALUES (1, 2, 1, 1, 40)");
        session.execute("INSERT INTO wh.t (a, b, c, d, v) VALUES (2, 1, 1, 1, 50)");
        session.execute("DROP TABLE IF EXISTS wh.tx");
        session.execute("CREATE TABLE wh.tx (k int PRIMARY KEY, t text)");
    }

    @Test
    void multiColumnInWithOneMarkerHoldingTheTuples() {
        PreparedStatement in = session.prepare("SELECT a, b, c, v FROM wh.mo WHERE k = 1 AND (a, b) IN ?");
        TupleType pair = DataTypes.tupleOf(DataTypes.INT, DataTypes.INT);
        List<TupleValue> tuples = List.of(pair.newValue(1, 1), pair.newValue(0, 1), pair.newValue(5, 5));
        List<String> literal = rows(session, "SELECT a, b, c, v FROM wh.mo WHERE k = 1 AND (a, b) IN ((1, 1), (0, 1), (5, 5))");
        assertThat(literal).containsExactly("0, 1, 0, 1", "0, 1, 1, 2", "1, 1, 0, 4", "1, 1, 1, 5");
        assertThat(ResultRows.render(session.execute(in.bind(tuples)))).isEqualTo(literal);
        assertThat(ResultRows.render(session.execute(in.bind(List.of())))).isEmpty();
    }

    @Test
    void containsAndContainsKeyFilterFrozenAndNonFrozenCollections() {
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE l CONTAINS 2 ALLOW FILTERING")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE s CONTAINS 'c' ALLOW FILTERING")).containsExactly("1, 2");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE m CONTAINS 2 ALLOW FILTERING")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE m CONTAINS KEY 'd' ALLOW FILTERING")).containsExactly("1, 2");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE m CONTAINS KEY 'd' AND m CONTAINS 4 ALLOW FILTERING")).containsExactly("1, 2");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE m CONTAINS KEY 'a' AND m CONTAINS KEY 'b' ALLOW FILTERING")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE fl CONTAINS 3 ALLOW FILTERING")).containsExactly("1, 2");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE fs CONTAINS 5 ALLOW FILTERING")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE fm CONTAINS KEY 'y' ALLOW FILTERING")).containsExactly("1, 2");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE l CONTAINS ? ALLOW FILTERING", 4)).containsExactly("1, 2");
    }

    @Test
    void mapEntriesAndOtherColumnsFilter() {
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE m['a'] = 1 ALLOW FILTERING")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE k = 1 AND m['a'] = 1 ALLOW FILTERING")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE m CONTAINS KEY 'a' AND m['a'] = 1 AND l CONTAINS 1 AND st = 100 ALLOW FILTERING"))
                .containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE fl = [1, 2] ALLOW FILTERING")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE fl > [1] ALLOW FILTERING")).containsExactly("1, 1", "1, 2");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE fu = {street: 'elm', num: 2} ALLOW FILTERING")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE st = 100 ALLOW FILTERING")).containsExactly("1, 1", "1, 2");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE st > 100 ALLOW FILTERING")).containsExactly("2, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE st > 50 AND v < 20 ALLOW FILTERING")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE v IN (10, 30) ALLOW FILTERING")).containsExactly("1, 1", "2, 1");
        assertThat(rows(session, "SELECT k, a, b, c FROM wh.mo WHERE v > 3 AND v <= 6 ALLOW FILTERING"))
                .containsExactly("1, 1, 1, 0", "1, 1, 1, 1", "1, 2, 0, 0");
        assertThat(rows(session, "SELECT k, a, b, c FROM wh.mo WHERE k > 0 ALLOW FILTERING")).hasSize(9);
    }

    @Test
    void collectionAndFilteringRefusals() {
        String filtering = "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. "
                + "If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING";
        assertRefused("SELECT k, c FROM wh.c WHERE l CONTAINS 2", filtering);
        assertRefused("SELECT k, c FROM wh.c WHERE k = 1 AND c = 1 AND l CONTAINS 2", filtering);
        assertRefused("SELECT k, c FROM wh.c WHERE m['a'] = 1", filtering);
        assertRefused("SELECT k, c FROM wh.c WHERE v IN (10, 30)", filtering);
        assertRefused("SELECT k, a, b, c FROM wh.mo WHERE k > 0", filtering);
        assertRefused("SELECT k FROM wh.tx WHERE t = 'abc'", filtering);
        assertRefused("SELECT k, c FROM wh.c WHERE l CONTAINS KEY 1 ALLOW FILTERING", "Cannot use CONTAINS KEY on non-map column l");
        assertRefused("SELECT k, c FROM wh.c WHERE s CONTAINS KEY 'a' ALLOW FILTERING", "Cannot use CONTAINS KEY on non-map column s");
        assertRefused("SELECT k, c FROM wh.c WHERE v CONTAINS KEY 1 ALLOW FILTERING", "Cannot use CONTAINS KEY on non-map column v");
        assertRefused("SELECT k, c FROM wh.c WHERE v CONTAINS 1 ALLOW FILTERING", "Cannot use CONTAINS on non-collection column v");
        assertRefused("SELECT k, c FROM wh.c WHERE u CONTAINS 1 ALLOW FILTERING", "Cannot use CONTAINS on non-collection column u");
        assertRefused("SELECT k, c FROM wh.c WHERE l CONTAINS 'x' ALLOW FILTERING", "Invalid STRING constant (x) for \"value(l)\" of type int");
        assertRefused("SELECT k, c FROM wh.c WHERE l CONTAINS null ALLOW FILTERING", "Unsupported null value for column l");
        assertRefused("SELECT k, c FROM wh.c WHERE m['a'] > 0 ALLOW FILTERING", "Only EQ relations are supported on map entries");
        assertRefused("SELECT k, c FROM wh.c WHERE l[0] = 1 ALLOW FILTERING", "Indexes on list entries (l[index] = value) are not currently supported.");
        assertRefused("SELECT k, c FROM wh.c WHERE fm['x'] = 1 ALLOW FILTERING", "Map-entry equality predicates on frozen map column fm are not supported");
        assertRefused("SELECT k, c FROM wh.c WHERE s['a'] = 1 ALLOW FILTERING", "Column s cannot be used as a map");
        assertRefused("SELECT k, c FROM wh.c WHERE v['a'] = 1 ALLOW FILTERING", "Column v cannot be used as a map");
        assertRefused("SELECT k, c FROM wh.c WHERE m['a'] = null ALLOW FILTERING", "Unsupported null map value for column m");
        assertRefused("SELECT k, c FROM wh.c WHERE m[null] = 1 ALLOW FILTERING", "Unsupported null map key for column m");
        assertRefused("SELECT k, c FROM wh.c WHERE m['a'] = 'x' ALLOW FILTERING", "Invalid STRING constant (x) for \"value(m)\" of type int");
        assertRefused("SELECT k, c FROM wh.c WHERE l = [1, 2, 3] ALLOW FILTERING", "Collection column 'l' (list<int>) cannot be restricted by a '=' relation");
        assertRefused("SELECT k, c FROM wh.c WHERE u = {street: 'main', num: 1} ALLOW FILTERING",
                "Non-frozen UDT column 'u' (addr) cannot be restricted by any relation");
        assertRefused("SELECT k, c FROM wh.c WHERE v = 10 AND v = 11 ALLOW FILTERING", "v cannot be restricted by more than one relation if it includes an Equal");
        assertRefused("SELECT k, c FROM wh.c WHERE v > 1 AND v > 2 ALLOW FILTERING", "More than one restriction was found for the start bound on v");
        // 5.0 has no != in WHERE, and IS NOT NULL only in materialized views
        assertRefused("SELECT k, c FROM wh.c WHERE v != 10 ALLOW FILTERING", "Unsupported \"!=\" relation: v != 10");
        assertRefused("SELECT k, c FROM wh.c WHERE c != 1 ALLOW FILTERING", "Unsupported \"!=\" relation: c != 1");
        assertRefused("SELECT k, c FROM wh.c WHERE k != 1 ALLOW FILTERING", "Unsupported \"!=\" relation: k != 1");
        assertRefused("SELECT k, c FROM wh.c WHERE v IS NOT NULL ALLOW FILTERING", "Unsupported restriction: v IS NOT NULL");
        // LIKE needs an SAI index, even with ALLOW FILTERING
        assertRefused("SELECT k FROM wh.tx WHERE t LIKE 'a%' ALLOW FILTERING",
                "LIKE restriction is only supported on properly indexed columns. t LIKE 'a%' is not valid.");
        assertRefused("SELECT k FROM wh.tx WHERE t LIKE 'a%'", "LIKE restriction is only supported on properly indexed columns. t LIKE 'a%' is not valid.");
        assertRefused("SELECT k, c FROM wh.c WHERE v LIKE 'a%' ALLOW FILTERING", "Invalid STRING constant (a%) for \"v\" of type int");
    }

    @Test
    void multiColumnSlicesOverMixedClusteringOrdersCompareTuplesByValue() {
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1"))
                .containsExactly("0, 1, 0", "0, 1, 1", "0, 0, 0", "1, 1, 0", "1, 1, 1", "1, 0, 0", "2, 2, 1", "2, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b) > (0, 1)"))
                .containsExactly("1, 1, 0", "1, 1, 1", "1, 0, 0", "2, 2, 1", "2, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b, c) > (0, 1, 0)"))
                .containsExactly("0, 1, 1", "1, 1, 0", "1, 1, 1", "1, 0, 0", "2, 2, 1", "2, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b, c) >= (0, 1, 0) AND (a, b, c) < (2, 0, 0)"))
                .containsExactly("0, 1, 0", "0, 1, 1", "1, 1, 0", "1, 1, 1", "1, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b) <= (1, 0)"))
                .containsExactly("0, 1, 0", "0, 1, 1", "0, 0, 0", "1, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b) > (0, 1) AND (a, b) < (2, 1)"))
                .containsExactly("1, 1, 0", "1, 1, 1", "1, 0, 0", "2, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b) > (0, 1) ORDER BY a DESC, b ASC, c DESC"))
                .containsExactly("2, 0, 0", "2, 2, 1", "1, 0, 0", "1, 1, 1", "1, 1, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND a = 1 AND (b, c) > (0, 0)")).containsExactly("1, 1, 0", "1, 1, 1");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND a = 1 AND (b, c) < (1, 1)")).containsExactly("1, 1, 0", "1, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b) > (0, 1) AND (a) < (2)"))
                .containsExactly("1, 1, 0", "1, 1, 1", "1, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b) > (0, 1) AND a < 2"))
                .containsExactly("1, 1, 0", "1, 1, 1", "1, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND a > 0 AND (a, b) < (2, 1)"))
                .containsExactly("1, 1, 0", "1, 1, 1", "1, 0, 0", "2, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b) > (0, 1) AND c = 1 ALLOW FILTERING"))
                .containsExactly("1, 1, 1", "2, 2, 1");
    }

    @Test
    void multiColumnEqualityAndInOnKeyColumns() {
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b, c) IN ((1, 1, 0), (0, 0, 0))")).containsExactly("0, 0, 0", "1, 1, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b) IN ((1, 1), (0, 0))")).containsExactly("0, 0, 0", "1, 1, 0", "1, 1, 1");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k IN (2, 1) AND (a, b) IN ((1, 1), (0, 0))"))
                .containsExactly("0, 0, 0", "1, 1, 0", "1, 1, 1", "1, 1, 1");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND a IN (0, 2) AND b IN (1, 0)"))
                .containsExactly("0, 1, 0", "0, 1, 1", "0, 0, 0", "2, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND a IN (0, 2) AND b IN (1, 0) AND c IN (0, 1)"))
                .containsExactly("0, 1, 0", "0, 1, 1", "0, 0, 0", "2, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND a IN (0, 2) AND b > 0")).containsExactly("0, 1, 0", "0, 1, 1", "2, 2, 1");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND a IN (0, 2) AND (b, c) > (0, 0)"))
                .containsExactly("0, 1, 0", "0, 1, 1", "2, 2, 1");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a) IN ((0), (2))"))
                .containsExactly("0, 1, 0", "0, 1, 1", "0, 0, 0", "2, 2, 1", "2, 0, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (a, b) = (0, 1) AND c > 0")).containsExactly("0, 1, 1");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (b, c) = (1, 0) ALLOW FILTERING")).containsExactly("0, 1, 0", "1, 1, 0");
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE k = 1 AND (b, c) IN ((1, 0)) ALLOW FILTERING")).containsExactly("0, 1, 0", "1, 1, 0");
        assertThat(rows(session, "SELECT a, b FROM wh.t WHERE a IN (1, 2) AND b IN (1, 2)")).containsExactly("1, 1", "1, 1", "1, 1", "1, 2", "2, 1");
        assertThat(rows(session, "SELECT a, b, c FROM wh.t WHERE a IN (1, 2) AND b IN (1, 2) AND c = 1 AND d IN (1, 2)"))
                .containsExactly("1, 1, 1", "1, 1, 1", "1, 2, 1", "2, 1, 1");
        assertThat(rows(session, "SELECT a, b FROM wh.t WHERE a = 1 ALLOW FILTERING")).containsExactly("1, 2", "1, 1", "1, 1", "1, 1");
        assertRefused("SELECT a, b, c FROM wh.mo WHERE k = 1 AND a = 0 AND (a, b) > (0, 0)", "a cannot be restricted by more than one relation if it includes an Equal");
        assertRefused("SELECT a, b, c FROM wh.mo WHERE k = 1 AND (b, c) > (0, 0)",
                "PRIMARY KEY column \"b\" cannot be restricted as preceding column \"a\" is not restricted");
        assertRefused("SELECT a, b, c FROM wh.mo WHERE k = 1 AND (b, c) > (0, 0) ALLOW FILTERING", "Multi-column slice restrictions cannot be used for filtering.");
        assertRefused("SELECT a, b FROM wh.t WHERE a = 1", "Cannot execute this query as it might involve data filtering and thus may have "
                + "unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING");
    }

    @Test
    void tokenBesideKeyRestrictions() {
        // token(1) = -4069959284402364209, token(2) = -3248873570005575792
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE token(k) > 0 AND k = 1")).isEmpty();
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE token(k) > 0 AND k IN (1, 2)")).isEmpty();
        assertThat(rows(session, "SELECT a, b, c FROM wh.mo WHERE token(k) = token(1) AND k = 1")).hasSize(8);
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE token(k) > token(1) AND k = 2")).containsExactly("2, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE token(k) >= token(1) AND k IN (1, 2)")).containsExactly("1, 1", "1, 2", "2, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE token(k) > token(1) AND k > 0 ALLOW FILTERING")).containsExactly("2, 1");
        assertThat(rows(session, "SELECT k, c FROM wh.c WHERE token(k) > token(1) AND c = 1 ALLOW FILTERING")).containsExactly("2, 1");
        assertThat(rows(session, "SELECT k, a, b, c FROM wh.mo WHERE token(k) > token(1) AND token(k) <= token(2)")).containsExactly("2, 1, 1, 1");
        assertThat(rows(session, "SELECT a, b FROM wh.t WHERE token(a, b) > 0 AND a = 1 AND b = 1")).containsExactly("1, 1", "1, 1", "1, 1");
        assertRefused("SELECT k, c FROM wh.c WHERE token(k) = token(1) AND token(k) > 0", "k cannot be restricted by more than one relation if it includes an Equal");
        assertRefused("SELECT k, c FROM wh.c WHERE token(k) > token(1) AND c = 1", "Cannot execute this query as it might involve data filtering and thus "
                + "may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING");
    }

    private static void assertRefused(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
