package org.charybdis.server.cql.terms;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bind markers in arithmetic, in element keys of selections, assignments, deletions and relations, prepared and
 * simple, through the Java driver; expectations are Cassandra 5.0.6's answers to the same statements.
 */
class BindMarkerTermsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE bm WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE bm.t (k int PRIMARY KEY, v int, d double, m map<text, int>, l list<int>, s set<int>, "
                + "fm frozen<map<text, int>>)");
        session.execute("INSERT INTO bm.t (k, v, d, m, l, s, fm) VALUES (1, 10, 1.5, {'a': 1, 'b': 2, 'c': 3}, [5, 6, 7], {1, 2}, {'x': 9})");
    }

    private static void refused(String query, Object[] values, String message) {
        assertThatThrownBy(() -> session.execute(session.prepare(query).bind(values)))
                .isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }

    @Test
    void anUntypedMarkerInArithmeticIsAmbiguous() {
        refused("SELECT k + ? FROM bm.t WHERE k = 1", new Object[] {2},
                "Ambiguous '+' operation with args k and ?: use type hint to disambiguate, example '(int) ?'");
        refused("SELECT ? % 2 FROM bm.t WHERE k = 1", new Object[] {3},
                "Ambiguous '%' operation with args ? and 2: use type hint to disambiguate, example '(int) ?'");
        refused("SELECT v + :x FROM bm.t WHERE k = 1", new Object[] {3},
                "Ambiguous '+' operation with args v and ?: use type hint to disambiguate, example '(int) ?'");
        refused("UPDATE bm.t SET v = ? + 1 WHERE k = 1", new Object[] {5},
                "Ambiguous '+' operation with args ? and 1: use type hint to disambiguate, example '(int) ?'");
        refused("INSERT INTO bm.t (k, v) VALUES (3, ? * ?)", new Object[] {2, 3},
                "Ambiguous '*' operation with args ? and ?: use type hint to disambiguate, example '(int) ?'");
        refused("SELECT k FROM bm.t WHERE k = ? + 1", new Object[] {0},
                "Ambiguous '+' operation with args ? and 1: use type hint to disambiguate, example '(int) ?'");
        // unprepared, the marker is refused as it is prepared
        assertThatThrownBy(() -> session.execute("SELECT k + ? FROM bm.t WHERE k = 1"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("Ambiguous '+' operation with args k and ?");
    }

    @Test
    void markersInsideCollectionLiteralsAreRefusedAsIn50() {
        refused("INSERT INTO bm.t (k, s) VALUES (1, {?})", new Object[] {3},
                "Invalid set literal for s: bind variables are not supported inside collection literals");
        refused("UPDATE bm.t SET l = l - [(int)?] WHERE k = 1", new Object[] {3},
                "Invalid list literal for l: bind variables are not supported inside collection literals");
        refused("SELECT k FROM bm.t WHERE k = 1 AND fm = {'x': ?} ALLOW FILTERING", new Object[] {9},
                "Invalid map literal for fm: bind variables are not supported inside collection literals");
        refused("UPDATE bm.t SET m = m + {'a': ?} WHERE k = 1", new Object[] {3}, "Value for a map addition has to be a map, but was: '{'a': ?}'");
        // a whole collection as one marker is fine
        session.execute(session.prepare("UPDATE bm.t SET s = s + ? WHERE k = 5").bind(Set.of(3)));
        assertThat(session.execute("SELECT s FROM bm.t WHERE k = 5").one().getSet(0, Integer.class)).containsExactly(3);
    }

    @Test
    void aQueryWithoutItsValuesIsRefused() {
        assertThatThrownBy(() -> session.execute("INSERT INTO bm.t (k, v) VALUES (?, 1)"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Invalid amount of bind variables");
    }

    @Test
    void aTypedMarkerTakesPartInArithmetic() {
        Row row = session.execute(session.prepare("SELECT (int)? + v, v * (int)? FROM bm.t WHERE k = 1").bind(3, 2)).one();
        assertThat(row.getInt(0)).isEqualTo(13);
        assertThat(row.getInt(1)).isEqualTo(20);
        assertThat(row.getColumnDefinitions().get(0).getName().asInternal()).isEqualTo("(int)? + v");
        session.execute(session.prepare("INSERT INTO bm.t (k, v) VALUES (2, (int)? + 1)").bind(4));
        session.execute(session.prepare("UPDATE bm.t SET d = -? * 2 WHERE k = 2").bind(1.25));
        Row written = session.execute("SELECT v, d FROM bm.t WHERE k = 2").one();
        assertThat(written.getInt("v")).isEqualTo(5);
        assertThat(written.getDouble("d")).isEqualTo(-2.5);
    }

    @Test
    void markersAsElementKeysOfSelections() {
        PreparedStatement elements = session.prepare("SELECT m[?], fm[?], s[?], m[(text)?] FROM bm.t WHERE k = 1");
        Row row = session.execute(elements.bind("b", "x", 2, "c")).one();
        assertThat(row.getInt(0)).isEqualTo(2);
        assertThat(row.getInt(1)).isEqualTo(9);
        assertThat(row.getInt(2)).isEqualTo(2);
        assertThat(row.getInt(3)).isEqualTo(3);
        assertThat(row.getColumnDefinitions().get(0).getName().asInternal()).isEqualTo("m[?]");
        // the same prepared statement, other keys: markers are bound per execution
        assertThat(session.execute(elements.bind("a", "y", 1, "a")).one().isNull(1)).isTrue();
        Row slice = session.execute(session.prepare("SELECT m[?..?], m[:low..] FROM bm.t WHERE k = 1").bind("a", "b", "b")).one();
        assertThat(slice.getMap(0, String.class, Integer.class)).isEqualTo(Map.of("a", 1, "b", 2));
        assertThat(slice.getMap(1, String.class, Integer.class)).isEqualTo(Map.of("b", 2, "c", 3));
        refused("SELECT l[?] FROM bm.t WHERE k = 1", new Object[] {1},
                "Element selection is only allowed on sets and maps, but l is a list");
        refused("SELECT m[?] FROM bm.t WHERE k = 1", new Object[] {null}, "Invalid null value for element selection on m");
    }

    @Test
    void preparedMetadataNamesMarkersAsCassandraDoes() {
        assertThat(variableNames("SELECT m[?], m[?..?], (int)? + v, s[?], abs((int)?) FROM bm.t WHERE k = ?"))
                .containsExactly("key(m)", "key(m)", "key(m)", "[selection]", "value(s)", "[selection]", "k");
        assertThat(variableNames("UPDATE bm.t SET m[?] = ?, v = (int)? + 1 WHERE k = ?"))
                .containsExactly("key(m)", "value(m)", "arg0(system._add)", "k");
        assertThat(variableNames("INSERT INTO bm.t (k, v) VALUES (?, -?)")).containsExactly("k", "arg0(system._negate)");
        assertThatThrownBy(() -> session.execute("INSERT INTO bm.t (k, v) VALUES (3, 1 + 'a')"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("the '+' operation is not supported between 1 and 'a'");
    }

    private static List<String> variableNames(String query) {
        List<String> names = new ArrayList<>();
        session.prepare(query).getVariableDefinitions().forEach(d -> names.add(d.getName().asInternal()));
        return names;
    }

    @Test
    void markersAsElementKeysOfWritesAndRelations() {
        session.execute("INSERT INTO bm.t (k, m, l) VALUES (4, {'a': 1, 'b': 2}, [5, 6, 7])");
        session.execute(session.prepare("UPDATE bm.t SET m[?] = ? WHERE k = 4").bind("z", 26));
        session.execute(session.prepare("UPDATE bm.t SET l[?] = ? WHERE k = 4").bind(0, 50));
        session.execute(session.prepare("DELETE m[?] FROM bm.t WHERE k = 4").bind("a"));
        session.execute(session.prepare("DELETE l[?] FROM bm.t WHERE k = 4").bind(1));
        Row row = session.execute("SELECT m, l FROM bm.t WHERE k = 4").one();
        assertThat(row.getMap("m", String.class, Integer.class)).isEqualTo(Map.of("b", 2, "z", 26));
        assertThat(row.getList("l", Integer.class)).isEqualTo(List.of(50, 7));
        List<Integer> keys = session.execute(session.prepare("SELECT k FROM bm.t WHERE m[?] = ? ALLOW FILTERING").bind("z", 26))
                .all().stream().map(r -> r.getInt(0)).toList();
        assertThat(keys).containsExactly(4);
        refused("SELECT k FROM bm.t WHERE fm[?] = ? ALLOW FILTERING", new Object[] {"x", 9},
                "Map-entry equality predicates on frozen map column fm are not supported");
        refused("SELECT k FROM bm.t WHERE l[?] = ? ALLOW FILTERING", new Object[] {0, 50},
                "Indexes on list entries (l[index] = value) are not currently supported.");
    }
}
