package org.charybdis.server.cql.statements.select.selection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.select.ResultRows.columns;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * Element, slice and field selectors through the Java driver. Every expected result, column name and
 * error was recorded from Apache Cassandra 5.0.6 running the same statements (the class also passes
 * against it: {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class ElementSelectorsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS es WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TYPE IF NOT EXISTS es.addr (street text, num int)");
        session.execute("DROP TABLE IF EXISTS es.c");
        session.execute("CREATE TABLE es.c (k int, c int, l list<int>, s set<text>, m map<text, int>, fl frozen<list<int>>, fs frozen<set<int>>, "
                + "fm frozen<map<text, int>>, u addr, fu frozen<addr>, v int, PRIMARY KEY (k, c))");
        session.execute("INSERT INTO es.c (k, c, l, s, m, fl, fs, fm, u, fu, v) VALUES (1, 1, [1, 2, 3], {'a', 'b'}, "
                + "{'a': 1, 'b': 2, 'c': 3}, [1, 2], {5, 6}, {'x': 1}, {street: 'main', num: 1}, {street: 'elm', num: 2}, 10)");
        session.execute("INSERT INTO es.c (k, c, l, s, m, fl, fs, fm, v) VALUES (1, 2, [4], {'c'}, {'d': 4}, [3], {7}, {'y': 2}, 20)");
    }

    @Test
    void elementsSlicesAndFieldsWithCassandrasNamesAndTypes() {
        String cql = "SELECT m['a'], m['zz'], m['a'..'b'], m[..'b'], m['b'..], s['a'], s['a'..'b'], u.street, fu.num, fm['x'], fs[5] "
                + "FROM es.c WHERE k = 1";
        assertThat(columns(session, cql)).containsExactly("m['a']:int", "m['zz']:int", "m['a'..'b']:map<text, int>", "m[..'b']:map<text, int>",
                "m['b'..]:map<text, int>", "s['a']:text", "s['a'..'b']:set<text>", "u.street:text", "fu.num:int", "fm['x']:int", "fs[5]:int");
        assertThat(rows(session, cql)).containsExactly(
                "1, null, {a=1, b=2}, {a=1, b=2}, {b=2, c=3}, a, [a, b], main, 2, 1, 5",
                "null, null, {}, {}, {d=4}, null, [], null, null, null, null");
    }

    @Test
    void aSliceOfAFrozenCollectionIsEmptyRatherThanNull() {
        assertThat(rows(session, "SELECT fm['zz'], fs[9], fm['a'..'b'], fs[8..9] FROM es.c WHERE k = 1"))
                .containsExactly("null, null, {}, []", "null, null, {}, []");
        assertThat(rows(session, "SELECT fm['x'..'y'], fs[1..6] FROM es.c WHERE k = 1")).containsExactly("{x=1}, [5, 6]", "{y=2}, []");
        // non-frozen: null (which the driver reads as empty); cqlsh shows null for both
        assertThat(rows(session, "SELECT s['b'..'a'], m['c'..'a'] FROM es.c WHERE k = 1")).containsExactly("[], {}", "[], {}");
        assertThat(rows(session, "SELECT m['a'..'a'] FROM es.c WHERE k = 1")).containsExactly("{a=1}", "{}");
    }

    @Test
    void elementsInAliasesAggregatesAndArithmetic() {
        assertThat(columns(session, "SELECT m['a'] AS x FROM es.c WHERE k = 1")).containsExactly("x:int");
        assertThat(rows(session, "SELECT m['a'], count(*) FROM es.c WHERE k = 1")).containsExactly("1, 2");
        assertThat(rows(session, "SELECT max(m['a']) FROM es.c WHERE k = 1")).containsExactly("1");
        assertThat(columns(session, "SELECT max(m['a']) FROM es.c WHERE k = 1")).containsExactly("system.max(m['a']):int");
        assertThat(rows(session, "SELECT m['a'] + 1 FROM es.c WHERE k = 1")).containsExactly("2", "null");
        assertThat(columns(session, "SELECT \"m\"['a'] FROM es.c WHERE k = 1")).containsExactly("m['a']:int");
        assertThat(rows(session, "SELECT u, u.num, fu.street FROM es.c WHERE k = 1"))
                .containsExactly("{street:'main',num:1}, 1, elm", "null, null, null");
    }

    @Test
    void refusals() {
        assertRefused("SELECT l[0] FROM es.c WHERE k = 1", "Element selection is only allowed on sets and maps, but l is a list");
        assertRefused("SELECT fl[0] FROM es.c WHERE k = 1", "Element selection is only allowed on sets and maps, but fl is a list");
        assertRefused("SELECT l[0..1] FROM es.c WHERE k = 1", "Slice selection is only allowed on sets and maps, but l is a list");
        assertRefused("SELECT v[0] FROM es.c WHERE k = 1", "Invalid element selection: v is of type int is not a collection");
        assertRefused("SELECT v.x FROM es.c WHERE k = 1", "Invalid field selection: v of type int is not a user type");
        assertRefused("SELECT u.zz FROM es.c WHERE k = 1", "u of type addr has no field zz");
        assertRefused("SELECT m[1] FROM es.c WHERE k = 1", "Invalid INTEGER constant (1) for \"key(m)\" of type text");
    }

    private static void assertRefused(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
