package org.charybdis.server.cql.terms.functions;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.testing.CqlAssertions.assertInvalid;

/**
 * Cassandra 5.0's collection functions through the Java driver. Every expected result and error was recorded from
 * Apache Cassandra 5.0.6 running the same statements (the class also passes against it:
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class CollectionFunctionsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS fn_coll WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS fn_coll.t");
        session.execute("CREATE TABLE fn_coll.t (k int PRIMARY KEY, m map<int, text>, s set<int>, l list<double>, v int, txt text, "
                + "f frozen<list<int>>)");
        session.execute("INSERT INTO fn_coll.t (k, m, s, l, v, txt, f) VALUES (1, {1: 'a', 2: 'b'}, {3, 1, 2}, [1.5, 2.5], 7, 'hello', [4, 5])");
        session.execute("INSERT INTO fn_coll.t (k) VALUES (2)");
    }

    @Test
    void keysValuesAndCounts() {
        assertThat(ResultRows.columns(session, "SELECT map_keys(m), map_values(m), collection_count(s), collection_count(m) FROM fn_coll.t"))
                .containsExactly("system.map_keys(m):set<int>", "system.map_values(m):list<text>", "system.collection_count(s):int",
                        "system.collection_count(m):int");
        assertThat(ResultRows.rows(session, "SELECT map_keys(m), map_values(m), collection_count(s), collection_count(m), collection_count(l) FROM fn_coll.t WHERE k = 1"))
                .containsExactly("[1, 2], [a, b], 3, 2, 2");
        // the driver reads a null collection as an empty one
        assertThat(ResultRows.rows(session, "SELECT map_keys(m), collection_count(s) FROM fn_coll.t WHERE k = 2")).containsExactly("[], null");
        assertThat(ResultRows.rows(session, "SELECT map_keys(m) AS mk, collection_count(f) FROM fn_coll.t")).containsExactly("[1, 2], 2", "[], null");
    }

    @Test
    void foldsOfSetsAndLists() {
        assertThat(ResultRows.columns(session, "SELECT collection_min(s), collection_sum(l), collection_avg(f) FROM fn_coll.t"))
                .containsExactly("system.collection_min(s):int", "system.collection_sum(l):double", "system.collection_avg(f):int");
        assertThat(ResultRows.rows(session, "SELECT collection_min(s), collection_max(s), collection_sum(s), collection_avg(s) FROM fn_coll.t WHERE k = 1"))
                .containsExactly("1, 3, 6, 2");
        assertThat(ResultRows.rows(session, "SELECT collection_min(l), collection_max(l), collection_sum(l), collection_avg(l) FROM fn_coll.t WHERE k = 1"))
                .containsExactly("1.5, 2.5, 4.0, 2.0");
        assertThat(ResultRows.rows(session, "SELECT collection_sum(f), collection_avg(f) FROM fn_coll.t WHERE k = 1")).containsExactly("9, 4");
        assertThat(ResultRows.rows(session, "SELECT collection_min(l), collection_max(l), collection_sum(l), collection_avg(s) FROM fn_coll.t WHERE k = 2"))
                .containsExactly("null, null, null, null");
    }

    @Test
    void refusals() {
        assertInvalid(session, "SELECT map_keys(s) FROM fn_coll.t", "Function system.map_keys requires a map argument, but found argument s of type set<int>");
        assertInvalid(session, "SELECT map_values(v) FROM fn_coll.t", "Function system.map_values requires a map argument, but found argument v of type int");
        assertInvalid(session, "SELECT collection_sum(m) FROM fn_coll.t",
                "Function system.collection_sum requires a numeric set/list argument, but found argument m of type map<int, text>");
        assertInvalid(session, "SELECT collection_avg(txt) FROM fn_coll.t",
                "Function system.collection_avg requires a numeric set/list argument, but found argument txt of type text");
        assertInvalid(session, "SELECT collection_min(m) FROM fn_coll.t",
                "Function system.collection_min requires a set or list argument, but found argument m of type map<int, text>");
        assertInvalid(session, "SELECT collection_count(v) FROM fn_coll.t",
                "Function system.collection_count requires a collection argument, but found argument v of type int");
        assertInvalid(session, "SELECT collection_count() FROM fn_coll.t", "Invalid number of arguments for function system.collection_count(collection)");
        assertInvalid(session, "SELECT collection_count(s, s) FROM fn_coll.t", "Invalid number of arguments for function system.collection_count(collection)");
        assertInvalid(session, "SELECT map_keys() FROM fn_coll.t", "Invalid number of arguments for function system.map_keys(map)");
        assertInvalid(session, "SELECT collection_max() FROM fn_coll.t", "Invalid number of arguments for function system.collection_max(numeric_set_or_list)");
        assertInvalid(session, "SELECT map_keys({1: 2}) FROM fn_coll.t",
                "Cannot infer type of argument {1: 2} in call to function system.map_keys(map): use type casts to disambiguate");
        assertInvalid(session, "SELECT collection_count(?) FROM fn_coll.t",
                "Cannot infer type of argument ? in call to function system.collection_count(collection): use type casts to disambiguate");
        assertInvalid(session, "SELECT k FROM fn_coll.t WHERE k = collection_count([1])",
                "Cannot infer type of argument [1] in call to function system.collection_count(collection): use type casts to disambiguate");
    }
}
