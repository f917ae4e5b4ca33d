package org.charybdis.server.cql.statements.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.servererrors.InvalidConfigurationInQueryException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CREATE and ALTER TABLE of counter tables through the Java driver: a table is a counter table from its
 * creation on, and never mixes counters with other columns. Expected errors recorded from Apache Cassandra
 * 5.0.6 (this class also passes against it, see {@link CharybdisServerExtension}).
 */
class CounterTablesTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void keyspace() {
        // no driver-side schema metadata: each DDL would wait for its refresh
        session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS cnts WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (String table : List.of("a", "b", "keys_only", "plain", "ttl0")) session.execute("DROP TABLE IF EXISTS cnts." + table);
    }

    @Test
    void createRefusesCountersWhereTheyCannotGo() {
        invalid("CREATE TABLE cnts.x (k int PRIMARY KEY, c counter, v int)", "Cannot mix counter and non counter columns in the same table");
        invalid("CREATE TABLE cnts.x (k counter PRIMARY KEY, c counter)", "counter type is not supported for PRIMARY KEY column 'k'");
        invalid("CREATE TABLE cnts.x (k int, ck counter, c counter, PRIMARY KEY (k, ck))",
                "counter type is not supported for PRIMARY KEY column 'ck'");
        invalid("CREATE TABLE cnts.x (k int PRIMARY KEY, c counter) WITH default_time_to_live = 10",
                "Cannot set default_time_to_live on a table with counters");
        invalid("CREATE TABLE cnts.x (k int PRIMARY KEY, c counter, l frozen<list<counter>>)",
                "Counters are not allowed inside collections: frozen<list<counter>>");
        invalid("CREATE TABLE cnts.x (k int PRIMARY KEY, c counter, t tuple<counter, int>)", "Counters are not allowed inside tuples");
        session.execute("CREATE TABLE cnts.ttl0 (k int PRIMARY KEY, c counter) WITH default_time_to_live = 0");
        assertThat(session.execute("SELECT default_time_to_live FROM system_schema.tables WHERE keyspace_name = 'cnts' "
                + "AND table_name = 'ttl0'").one().getInt(0)).isZero();
    }

    @Test
    void alterKeepsCounterTablesApart() {
        session.execute("CREATE TABLE cnts.a (k int, ck int, s counter static, c counter, PRIMARY KEY (k, ck))");
        misconfigured("ALTER TABLE cnts.a ADD v int", "cnts.a: Cannot have a non counter column (\"v\") in a counter table");
        session.execute("ALTER TABLE cnts.a ADD c3 counter");
        session.execute("ALTER TABLE cnts.a ADD s3 counter static");
        invalid("ALTER TABLE cnts.a WITH default_time_to_live = 5", "Cannot set default_time_to_live on a table with counters");

        // a table with no regular column yet is not a counter table, and never becomes one
        session.execute("CREATE TABLE cnts.keys_only (k int PRIMARY KEY)");
        misconfigured("ALTER TABLE cnts.keys_only ADD c counter", "cnts.keys_only: Cannot have a counter column (\"c\") in a non counter table");
        session.execute("ALTER TABLE cnts.keys_only ADD v int");
        session.execute("CREATE TABLE cnts.plain (k int PRIMARY KEY, v int)");
        session.execute("ALTER TABLE cnts.plain DROP v");
        misconfigured("ALTER TABLE cnts.plain ADD c counter", "cnts.plain: Cannot have a counter column (\"c\") in a non counter table");
    }

    @Test
    void aCounterTableStaysOneWhenItsCountersAreDropped() {
        session.execute("CREATE TABLE cnts.b (k int PRIMARY KEY, c counter)");
        session.execute("UPDATE cnts.b SET c = c + 1 WHERE k = 1");
        session.execute("ALTER TABLE cnts.b DROP c");
        assertThat(session.execute("SELECT * FROM cnts.b").all()).isEmpty();
        invalid("UPDATE cnts.b SET c = c + 1 WHERE k = 1", "Undefined column name c in table cnts.b");
        misconfigured("ALTER TABLE cnts.b ADD v int", "cnts.b: Cannot have a non counter column (\"v\") in a counter table");
        invalid("ALTER TABLE cnts.b ADD c counter", "Cannot re-add previously dropped counter column c");
        session.execute("ALTER TABLE cnts.b ADD d counter");
        session.execute("UPDATE cnts.b SET d = d + 1 WHERE k = 1");
        assertThat(session.execute("SELECT k, d FROM cnts.b").all()).singleElement()
                .satisfies(row -> assertThat(row.getLong("d")).isEqualTo(1));
        invalid("INSERT INTO cnts.b (k, d) VALUES (1, 1)", "INSERT statements are not allowed on counter tables, use UPDATE instead");
    }

    private static void invalid(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }

    private static void misconfigured(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidConfigurationInQueryException.class)
                .hasMessage(message);
    }
}
