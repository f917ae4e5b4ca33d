package org.charybdis.server.cql.statements.modification;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conditional INSERT, UPDATE and DELETE (lightweight transactions) through the Java driver. Every expected
 * result and error was recorded from Apache Cassandra 5.0.6 running the same statements (this class also
 * passes against it: {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class ConditionalStatementsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS lwt WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS lwt.t");
        session.execute("CREATE TABLE lwt.t (k int, c int, v int, s int static, m map<text, text>, l list<int>, st set<int>, "
                + "PRIMARY KEY (k, c))");
        session.execute("CREATE TYPE IF NOT EXISTS lwt.addr (street text, num int)");
        session.execute("DROP TABLE IF EXISTS lwt.u");
        session.execute("CREATE TABLE lwt.u (k int PRIMARY KEY, a addr, fa frozen<addr>, fl frozen<list<int>>, "
                + "fm frozen<map<int, int>>, d duration, b blob, tx text)");
        session.execute("DROP TABLE IF EXISTS lwt.cnt");
        session.execute("CREATE TABLE lwt.cnt (k int PRIMARY KEY, n counter)");
    }

    private static String cas(String cql) {
        return CasRows.render(session.execute(cql));
    }

    @Test
    void insertIfNotExistsReportsTheWholeRowWhenItExists() {
        ResultSet applied = session.execute("INSERT INTO lwt.t (k, c, v) VALUES (1, 1, 10) IF NOT EXISTS");
        assertThat(applied.wasApplied()).isTrue();
        assertThat(CasRows.columns(applied)).containsExactly("[applied]:boolean");

        ResultSet failed = session.execute("INSERT INTO lwt.t (k, c, v) VALUES (1, 1, 11) IF NOT EXISTS USING TTL 5");
        assertThat(failed.wasApplied()).isFalse();
        assertThat(CasRows.columns(failed)).containsExactly("[applied]:boolean", "k:int", "c:int", "s:int", "l:list<int>",
                "m:map<text, text>", "st:set<int>", "v:int");
        assertThat(CasRows.render(failed)).isEqualTo("[applied]=false k=1 c=1 s=null l=null m=null st=null v=10");
    }

    @Test
    void updateIfConditionsReportsTheConditionedColumns() {
        session.execute("INSERT INTO lwt.t (k, c, v) VALUES (2, 1, 10)");
        assertThat(cas("UPDATE lwt.t SET v = 12 WHERE k = 2 AND c = 1 IF v = 10")).isEqualTo("[applied]=true");
        ResultSet failed = session.execute("UPDATE lwt.t SET v = 12 WHERE k = 2 AND c = 1 IF v = 11");
        assertThat(CasRows.columns(failed)).containsExactly("[applied]:boolean", "v:int");
        assertThat(CasRows.render(failed)).isEqualTo("[applied]=false v=12");
        // regular columns first, then static ones, each in the IF clause's order, once
        assertThat(cas("UPDATE lwt.t SET v = 12 WHERE k = 2 AND c = 1 IF s = 3 AND v = 10")).isEqualTo("[applied]=false v=12 s=null");
        assertThat(cas("UPDATE lwt.t SET v = 2 WHERE k = 2 AND c = 1 IF v = 1 AND v = 2")).isEqualTo("[applied]=false v=12");
        assertThat(cas("UPDATE lwt.t SET v = 13 WHERE k = 2 AND c = 1 IF v IN (1, 2)")).isEqualTo("[applied]=false v=12");
        assertThat(cas("UPDATE lwt.t SET v = 13 WHERE k = 2 AND c = 1 IF v IN (12, 2)")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET v = 14 WHERE k = 2 AND c = 1 IF v > 10 AND v < 20")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET v = 15 WHERE k = 2 AND c = 1 IF v < 100 AND v >= 14 AND v <= 14 AND v > 13"))
                .isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET v = 14 WHERE k = 2 AND c = 1 IF v != 15")).isEqualTo("[applied]=false v=15");
        assertThat(cas("UPDATE lwt.t SET v = 13 WHERE k = 2 AND c = 1 IF v = null")).isEqualTo("[applied]=false v=15");
        assertThat(cas("UPDATE lwt.t SET v = 16 WHERE k = 2 AND c = 1 IF v != null")).isEqualTo("[applied]=true");
        // a missing row: = null holds, anything else fails with nothing to report
        assertThat(cas("UPDATE lwt.t SET v = 13 WHERE k = 2 AND c = 2 IF v = null")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET v = 2 WHERE k = 2 AND c = 3 IF v = 1")).isEqualTo("[applied]=false");
        assertThat(cas("UPDATE lwt.t SET v = 2 WHERE k = 99 AND c = 3 IF v = 1")).isEqualTo("[applied]=false");
        assertThat(cas("UPDATE lwt.t SET v = 17 WHERE k = 2 AND c = 1 IF EXISTS")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET v = 17 WHERE k = 2 AND c = 3 IF EXISTS")).isEqualTo("[applied]=false");
        assertThat(session.execute("SELECT c, v FROM lwt.t WHERE k = 2").all()).extracting(r -> r.getInt("c") + ":" + r.getInt("v"))
                .containsExactly("1:17", "2:13");
    }

    @Test
    void conditionsOnCollectionElementsAndContents() {
        session.execute("INSERT INTO lwt.t (k, c, v, m, l, st) VALUES (3, 1, 1, {'a': 'b'}, [5], {6})");
        assertThat(cas("UPDATE lwt.t SET v = 2 WHERE k = 3 AND c = 1 IF m['a'] = 'c'")).isEqualTo("[applied]=false m={a=b}");
        assertThat(cas("UPDATE lwt.t SET v = 2 WHERE k = 3 AND c = 1 IF l[0] = 5 AND m['a'] = 'b' AND st CONTAINS 6 "
                + "AND m CONTAINS KEY 'a' AND m CONTAINS 'b' AND l CONTAINS 5 AND l = [5] AND m = {'a': 'b'} AND st = {6}"))
                .isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET v = 3 WHERE k = 3 AND c = 1 IF l[5] = null AND m['z'] = null")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET v = 4 WHERE k = 3 AND c = 1 IF m['z'] != null")).isEqualTo("[applied]=false m={a=b}");
        assertThat(cas("UPDATE lwt.t SET v = 4 WHERE k = 3 AND c = 1 IF l[5] = 1")).isEqualTo("[applied]=false l=[5]");
        assertThat(cas("UPDATE lwt.t SET v = 4 WHERE k = 3 AND c = 1 IF m['a'] IN ('x', 'y') AND m['a'] > 'a'"))
                .isEqualTo("[applied]=false m={a=b}");
        assertThat(cas("UPDATE lwt.t SET v = 4 WHERE k = 3 AND c = 1 IF l > [4] AND l < [5, 1] AND m >= {'a': 'a'}"))
                .isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET v = 5 WHERE k = 3 AND c = 1 IF st CONTAINS 7 AND v = 1 AND l[0] = 1 AND s = 4"))
                .isEqualTo("[applied]=false st=[6] v=4 l=[5] s=null");
        // an empty non-frozen collection is null
        session.execute("INSERT INTO lwt.t (k, c, v, l, st) VALUES (3, 2, 1, [], {})");
        assertThat(cas("UPDATE lwt.t SET v = 2 WHERE k = 3 AND c = 2 IF l = [] AND st = {} AND m = null")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET v = 2 WHERE k = 3 AND c = 2 IF l != []")).isEqualTo("[applied]=false l=null");
        assertThat(cas("UPDATE lwt.t SET v = 2 WHERE k = 3 AND c = 2 IF l < [1]")).isEqualTo("[applied]=false l=null");
        assertThat(cas("UPDATE lwt.t SET v = 3 WHERE k = 3 AND c = 2 IF l IN ([], [1])")).isEqualTo("[applied]=true");
    }

    @Test
    void conditionsOnUserTypesFrozenValuesAndOtherTypes() {
        session.execute("INSERT INTO lwt.u (k, a, fa, fl, fm, d, b, tx) VALUES (1, {street: 'x', num: 1}, {street: 'y', num: 2}, "
                + "[1, 2], {1: 2}, 1h, 0x, '')");
        assertThat(cas("UPDATE lwt.u SET tx = 'a' WHERE k = 1 IF a.num = 1 AND fa.num = 2 AND a.street = 'x'")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.u SET tx = 'a' WHERE k = 1 IF a = {street: 'x', num: 1} AND fa = {street: 'y', num: 2}"))
                .isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.u SET tx = 'a' WHERE k = 1 IF a = {street: 'x'}")).isEqualTo("[applied]=false a={street:'x',num:1}");
        assertThat(cas("UPDATE lwt.u SET tx = 'a' WHERE k = 1 IF a > {street: 'x'}")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.u SET tx = 'a' WHERE k = 1 IF fl = [1, 2] AND fm = {1: 2} AND fl[0] = 1 AND fm[1] = 2 "
                + "AND fl CONTAINS 2 AND fm CONTAINS KEY 1")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.u SET tx = 'a' WHERE k = 1 IF d = 1h AND d IN (1h, 2h) AND b = 0x")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.u SET tx = 'a' WHERE k = 1 IF b = null")).isEqualTo("[applied]=false b=0x");
        assertThat(cas("UPDATE lwt.u SET tx = 'b' WHERE k = 1 IF fa.num = null")).isEqualTo("[applied]=false fa={street:'y',num:2}");
        assertThat(cas("UPDATE lwt.u SET tx = 'b' WHERE k = 1 IF a.num IN (1, null) AND tx > ''")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.u SET tx = 'c' WHERE k = 1 IF tx = 'a' AND a.num = 1 AND a.street = 'q'"))
                .isEqualTo("[applied]=false tx=b a={street:'x',num:1}");
        assertThat(cas("DELETE FROM lwt.u WHERE k = 1 IF tx = 'a'")).isEqualTo("[applied]=false tx=b");
        assertThat(cas("DELETE FROM lwt.u WHERE k = 1 IF EXISTS")).isEqualTo("[applied]=true");
        assertThat(cas("DELETE FROM lwt.u WHERE k = 1 IF EXISTS")).isEqualTo("[applied]=false");
        assertThat(cas("UPDATE lwt.u SET tx = 'b' WHERE k = 1 IF tx = 'a'")).isEqualTo("[applied]=false");
    }

    @Test
    void conditionalDeletions() {
        assertThat(cas("DELETE FROM lwt.t WHERE k = 4 AND c = 1 IF EXISTS")).isEqualTo("[applied]=false");
        session.execute("INSERT INTO lwt.t (k, c, v, s) VALUES (4, 1, 15, 2)");
        assertThat(cas("DELETE FROM lwt.t WHERE k = 4 AND c = 1 IF v = 16")).isEqualTo("[applied]=false v=15");
        assertThat(cas("DELETE v FROM lwt.t WHERE k = 4 AND c = 1 IF v = 15")).isEqualTo("[applied]=true");
        assertThat(cas("DELETE FROM lwt.t WHERE k = 4 AND c = 1 IF EXISTS")).isEqualTo("[applied]=true");
        assertThat(session.execute("SELECT c FROM lwt.t WHERE k = 4 AND c = 1").all()).isEmpty();
        // a row deletion reads no static column: nothing to report although the static row exists
        assertThat(cas("DELETE FROM lwt.t WHERE k = 4 AND c = 99 IF EXISTS")).isEqualTo("[applied]=false");
        assertThat(cas("DELETE s FROM lwt.t WHERE k = 4 IF s = 2")).isEqualTo("[applied]=true");
        assertThat(cas("DELETE s FROM lwt.t WHERE k = 4 IF EXISTS")).isEqualTo("[applied]=false");
    }

    @Test
    void conditionsOnStaticColumnsApplyToThePartition() {
        assertThat(cas("UPDATE lwt.t SET s = 1 WHERE k = 5 IF s = null")).isEqualTo("[applied]=true");
        assertThat(cas("UPDATE lwt.t SET s = 2 WHERE k = 5 IF s = 5")).isEqualTo("[applied]=false s=1");
        assertThat(cas("UPDATE lwt.t SET s = 2 WHERE k = 5 IF EXISTS")).isEqualTo("[applied]=true");
        assertThat(cas("INSERT INTO lwt.t (k, s) VALUES (6, 5) IF NOT EXISTS")).isEqualTo("[applied]=true");
        assertThat(cas("INSERT INTO lwt.t (k, s) VALUES (6, 5) IF NOT EXISTS"))
                .isEqualTo("[applied]=false k=6 c=null s=5 l=null m=null st=null v=null");

        session.execute("INSERT INTO lwt.t (k, c, v) VALUES (7, 1, 10)");
        assertThat(cas("INSERT INTO lwt.t (k, s) VALUES (7, 5) IF NOT EXISTS")).isEqualTo("[applied]=true");
        // static-only: the partition's first row is reported, without its regular columns (not read)
        assertThat(cas("INSERT INTO lwt.t (k, s) VALUES (7, 5) IF NOT EXISTS"))
                .isEqualTo("[applied]=false k=7 c=1 s=5 l=null m=null st=null v=null");
        assertThat(cas("UPDATE lwt.t SET v = 1 WHERE k = 7 AND c = 99 IF s = 3")).isEqualTo("[applied]=false s=5");
        assertThat(cas("UPDATE lwt.t SET v = 1 WHERE k = 7 AND c = 99 IF v = 3")).isEqualTo("[applied]=false");
        assertThat(cas("UPDATE lwt.t SET v = 1 WHERE k = 7 AND c = 99 IF v = 1 AND s = 2")).isEqualTo("[applied]=false v=null s=5");
        assertThat(cas("UPDATE lwt.t SET v = 1 WHERE k = 7 AND c = 99 IF EXISTS")).isEqualTo("[applied]=false");
        assertThat(cas("UPDATE lwt.t SET s = 1, v = 1 WHERE k = 7 AND c = 99 IF EXISTS"))
                .isEqualTo("[applied]=false k=7 c=null s=5 l=null m=null st=null v=null");
        assertThat(cas("UPDATE lwt.t SET v = 11 WHERE k = 7 AND c = 1 IF s = 5 AND v = 10")).isEqualTo("[applied]=true");
    }

    @Test
    void refusalsMatchCassandra() {
        assertRefused("UPDATE lwt.t USING TIMESTAMP 5 SET v = 1 WHERE k = 1 AND c = 1 IF v = 1",
                "Cannot provide custom timestamp for conditional updates");
        assertRefused("DELETE FROM lwt.t USING TIMESTAMP 5 WHERE k = 1 AND c = 1 IF v = 1",
                "Cannot provide custom timestamp for conditional updates");
        assertRefused("INSERT INTO lwt.t (k, c, v) VALUES (1, 1, 1) IF NOT EXISTS USING TIMESTAMP 5",
                "Cannot provide custom timestamp for conditional updates");
        String rangeDeletion = "DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to delete non static columns";
        assertRefused("DELETE FROM lwt.t WHERE k = 1 AND c > 1 IF EXISTS", rangeDeletion);
        assertRefused("DELETE FROM lwt.t WHERE k = 1 IF EXISTS", rangeDeletion);
        assertRefused("DELETE FROM lwt.t WHERE k = 1 IF s = 3", rangeDeletion);
        assertRefused("DELETE v FROM lwt.t WHERE k = 1 AND c > 1 IF EXISTS", rangeDeletion);
        assertRefused("DELETE s FROM lwt.t WHERE k = 1 IF v = 1", "DELETE statements must restrict all PRIMARY KEY columns "
                + "with equality relations in order to use IF condition on non static columns");
        assertRefused("UPDATE lwt.t SET s = 2 WHERE k = 1 IF v = 1", "Some clustering keys are missing: c");
        assertRefused("UPDATE lwt.t SET s = 2 WHERE k = 1 AND c IN (1, 2) IF v = 1",
                "IN on the clustering key columns is not supported with conditional updates");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k IN (1, 2) AND c = 1 IF v = 1",
                "IN on the partition key is not supported with conditional updates");
        assertRefused("DELETE FROM lwt.t WHERE k = 1 AND c IN (1, 2) IF EXISTS",
                "IN on the clustering key columns is not supported with conditional deletions");
        assertRefused("DELETE FROM lwt.t WHERE k IN (1, 2) AND c = 1 IF EXISTS",
                "IN on the partition key is not supported with conditional deletions");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF k = 1", "PRIMARY KEY column 'k' cannot have IF conditions");
        assertRefused("DELETE FROM lwt.t WHERE k = 1 AND c = 1 IF v = 1 AND c = 1", "PRIMARY KEY column 'c' cannot have IF conditions");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF nope = 1", "Undefined column name nope in table lwt.t");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF st = 3", "Invalid INTEGER constant (3) for \"st\" of type set<int>");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF st CONTAINS KEY 3", "Cannot use CONTAINS KEY on non-map column st");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF v CONTAINS 3", "Cannot use CONTAINS on non-collection column v");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF v['a'] = 3", "Invalid element access syntax for non-collection column v");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF st[3] = 3", "Invalid element access syntax for set column st");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF l[-1] = 1", "Invalid negative list index -1");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF m[null] = 'a'", "Invalid null value for map element access");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF v > null", "Invalid comparison with null for operator \">\"");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF m CONTAINS null", "Invalid comparison with null for operator \"CONTAINS\"");
        assertRefused("UPDATE lwt.t SET v = 2 WHERE k = 1 AND c = 1 IF l > []", "Invalid comparison with an empty list for operator \">\"");
        assertRefused("UPDATE lwt.u SET tx = 'a' WHERE k = 1 IF a.nope = 1", "Unknown field nope for column a");
        assertRefused("UPDATE lwt.u SET tx = 'a' WHERE k = 1 IF d > 1h", "Slice conditions ( > ) are not supported on durations");
        assertRefused("UPDATE lwt.cnt SET n = n + 1 WHERE k = 1 IF n = 1", "Conditions on counters are not supported");
        assertRefused("UPDATE lwt.cnt SET n = n + 1 WHERE k = 1 IF EXISTS", "Conditional updates are not supported on counter tables");
    }

    @Test
    void serialConsistencyLevels() {
        SimpleStatement lwt = SimpleStatement.newInstance("UPDATE lwt.t SET v = 1 WHERE k = 8 AND c = 1 IF v = null");
        assertThat(session.execute(lwt.setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)).wasApplied()).isTrue();
        assertThat(session.execute(lwt.setSerialConsistencyLevel(ConsistencyLevel.SERIAL)).wasApplied()).isFalse();
        assertThat(session.execute(lwt.setConsistencyLevel(ConsistencyLevel.ANY)).wasApplied()).isFalse();
        assertThatThrownBy(() -> session.execute(lwt.setConsistencyLevel(ConsistencyLevel.SERIAL)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("SERIAL is not supported as conditional update commit "
                        + "consistency. Use ANY if you mean \"make sure it is accepted but I don't care how many replicas commit it "
                        + "for non-SERIAL reads\"");
        assertThatThrownBy(() -> session.execute(lwt.setSerialConsistencyLevel(ConsistencyLevel.ONE)))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("Invalid consistency for conditional update. Must be one of SERIAL or LOCAL_SERIAL");
        assertThatThrownBy(() -> session.execute(SimpleStatement.newInstance("UPDATE lwt.t SET v = 1 WHERE k = 8 AND c = 1")
                .setConsistencyLevel(ConsistencyLevel.SERIAL)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("You must use conditional updates for serializable writes");
        for (ConsistencyLevel serial : List.of(ConsistencyLevel.SERIAL, ConsistencyLevel.LOCAL_SERIAL)) {
            assertThat(session.execute(SimpleStatement.newInstance("SELECT v FROM lwt.t WHERE k = 8 AND c = 1")
                    .setConsistencyLevel(serial)).one().getInt("v")).isEqualTo(1);
        }
    }

    @Test
    void preparedConditionsNameTheirMarkersAsCassandra() {
        assertThat(markers("UPDATE lwt.t SET v = ? WHERE k = ? AND c = ? IF v = ?")).containsExactly("v:int", "k:int", "c:int", "v:int");
        assertThat(markers("UPDATE lwt.t SET v = 3 WHERE k = 9 AND c = 1 IF v IN ?")).containsExactly("in(v):list<int>");
        assertThat(markers("UPDATE lwt.t SET v = 3 WHERE k = 9 AND c = 1 IF v IN (?, ?)")).containsExactly("v:int", "v:int");
        assertThat(markers("UPDATE lwt.t SET v = 3 WHERE k = 9 AND c = 1 IF m[?] = ?")).containsExactly("key(m):text", "value(m):text");
        assertThat(markers("UPDATE lwt.t SET v = 3 WHERE k = 9 AND c = 1 IF l[?] = ?")).containsExactly("idx(l):int", "value(l):int");
        assertThat(markers("UPDATE lwt.t SET v = 3 WHERE k = 9 AND c = 1 IF m[?] IN ?"))
                .containsExactly("key(m):text", "in(value(m)):list<text>");
        assertThat(markers("UPDATE lwt.t SET v = 3 WHERE k = 9 AND c = 1 IF m CONTAINS ? AND m CONTAINS KEY ? AND st CONTAINS ?"))
                .containsExactly("value(m):text", "key(m):text", "value(st):int");
        assertThat(markers("UPDATE lwt.u SET tx = 'y' WHERE k = 3 IF a.num = ? AND a.street IN ?"))
                .containsExactly("a.num:int", "in(a.street):list<text>");
    }

    @Test
    void preparedConditionsBindNullAndUnsetAsCassandra() {
        session.execute("INSERT INTO lwt.t (k, c, v, m) VALUES (10, 1, 1, {'a': 'b'})");
        PreparedStatement eq = session.prepare("UPDATE lwt.t SET v = ? WHERE k = ? AND c = ? IF v = ?");
        assertThat(session.execute(eq.bind(2, 10, 1, 1)).wasApplied()).isTrue();
        assertThat(CasRows.render(session.execute(eq.bind(3, 10, 1, 1)))).isEqualTo("[applied]=false v=2");
        assertThatThrownBy(() -> session.execute(eq.bind(2, 10, 1).unset(3)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Invalid 'unset' value in condition");
        PreparedStatement inMarker = session.prepare("UPDATE lwt.t SET v = 3 WHERE k = 10 AND c = 1 IF v IN ?");
        assertThatThrownBy(() -> session.execute(inMarker.bind((Object) null)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Invalid null list in IN condition");
        assertThat(session.execute(inMarker.bind(List.of(5, 2))).wasApplied()).isTrue();
        PreparedStatement inValues = session.prepare("UPDATE lwt.t SET v = 4 WHERE k = 10 AND c = 1 IF v IN (?, ?)");
        assertThat(session.execute(inValues.bind().unset(0).setInt(1, 3)).wasApplied()).isTrue(); // unset values are skipped
        PreparedStatement element = session.prepare("UPDATE lwt.t SET v = 5 WHERE k = 10 AND c = 1 IF m[?] = ?");
        assertThatThrownBy(() -> session.execute(element.bind(null, "b")))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Invalid null value for map element access");
        assertThat(CasRows.render(session.execute(element.bind().unset(0).setString(1, "b")))).isEqualTo("[applied]=false m={a=b}");
        assertThat(session.execute(element.bind("a", "b")).wasApplied()).isTrue();
        PreparedStatement list = session.prepare("UPDATE lwt.t SET v = 6 WHERE k = 10 AND c = 1 IF l[?] = ?");
        assertThatThrownBy(() -> session.execute(list.bind(-1, 4)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Invalid negative list index -1");
        PreparedStatement insert = session.prepare("INSERT INTO lwt.t (k, c, v) VALUES (?, ?, ?) IF NOT EXISTS");
        assertThat(CasRows.render(session.execute(insert.bind(10, 1, 9))))
                .isEqualTo("[applied]=false k=10 c=1 s=null l=null m={a=b} st=null v=5");
    }

    private static List<String> markers(String cql) {
        PreparedStatement prepared = session.prepare(cql);
        assertThat(prepared.getResultSetDefinitions()).isEmpty();
        List<String> markers = new java.util.ArrayList<>();
        for (ColumnDefinition d : prepared.getVariableDefinitions()) markers.add(d.getName().asInternal() + ":" + d.getType().asCql(false, true));
        return markers;
    }

    private static void assertRefused(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
