package org.charybdis.server.cql.terms.functions;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code floor()} on timestamps, timeuuids, dates and times through the Java driver. Every expected
 * result and error was recorded from Apache Cassandra 5.0.6 running the same statements (the class also
 * passes against it: {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class FloorFunctionsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS fl WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS fl.t");
        session.execute("CREATE TABLE fl.t (k int, d date, tm time, tu timeuuid, v int, PRIMARY KEY (k, d, tm, tu))");
        for (String day : new String[] {"2024-01-01", "2024-01-05", "2024-01-09"}) {
            session.execute("INSERT INTO fl.t (k, d, tm, tu, v) VALUES (1, '" + day + "', '10:20:00', 50554d6e-29bb-11e5-b345-feff819cdc9f, 1)");
        }
    }

    @Test
    void bucketsOfEachTemporalType() {
        assertThat(ResultRows.columns(session, "SELECT floor(tm, 1h), floor(tu, 1h) FROM fl.t"))
                .containsExactly("system.floor(tm, 1h):time", "system.floor(tu, 1h):timestamp");
        assertThat(rows("SELECT floor(tm, 1h), floor(tu, 1h), floor(tm, 90m), floor(tm, 1h30m) FROM fl.t WHERE k = 1 LIMIT 1"))
                .containsExactly("10:00, 2015-07-14T00:00:00Z, 09:00, 09:00");
        assertThat(rows("SELECT floor(d, 1mo), floor(d, 2mo, '2023-12-15'), floor(d, 0d) FROM fl.t"))
                .containsExactly("2024-01-01, 2023-12-15, 2024-01-01", "2024-01-01, 2023-12-15, 2024-01-05", "2024-01-01, 2023-12-15, 2024-01-09");
        assertThat(rows("SELECT floor(toTimestamp(d), 1mo1d), floor(toTimestamp(d), 1y), floor(toTimestamp(d), 10ms) FROM fl.t LIMIT 1"))
                .containsExactly("2023-12-19T00:00:00Z, 2024-01-01T00:00:00Z, 2024-01-01T00:00:00Z");
        assertThat(rows("SELECT floor(toTimestamp(d), 2mo, '2023-12-15') FROM fl.t LIMIT 1")).containsExactly("2023-12-15T00:00:00Z");
    }

    @Test
    void weeksCountFromTheEpochInGroupBy() {
        assertThat(rows("SELECT k, floor(d, 1w), count(*) FROM fl.t GROUP BY k, floor(d, 1w)"))
                .containsExactly("1, 2023-12-28, 1", "1, 2024-01-04, 2");
    }

    @Test
    void refusals() {
        assertRefused("SELECT floor(d, 1h) FROM fl.t", "The floor on date values cannot be computed for the 1h duration as precision is below 1 day");
        assertRefused("SELECT floor(d, 1h30m) FROM fl.t", "The floor on date values cannot be computed for the 1h30m duration as precision is below 1 day");
        assertRefused("SELECT floor(tm, 1mo) FROM fl.t", "For time values, the floor can only be computed for durations smaller that a day");
        assertRefused("SELECT floor(tm, 25h) FROM fl.t", "For time values, the floor can only be computed for durations smaller that a day");
        assertRefused("SELECT floor(toTimestamp(d), -1h) FROM fl.t", "Negative durations are not supported by the floor function");
        assertRefused("SELECT floor(toTimestamp(d), 1us) FROM fl.t", "The floor cannot be computed for the 1us duration as precision is below 1 millisecond");
        assertRefused("SELECT floor(toTimestamp(d), 1500us) FROM fl.t",
                "The floor cannot be computed for the 1ms500us duration as precision is below 1 millisecond");
        assertRefused("SELECT floor(tu, 1h, '2015-07-14 00:30:00+0000') FROM fl.t", "The floor function starting time is greater than the provided time");
        assertRefused("SELECT floor(toTimestamp(d), 1mo, '2030-01-01 00:00:00+0000') FROM fl.t",
                "The floor function starting time is greater than the provided time");
    }

    private static java.util.List<String> rows(String cql) {
        return ResultRows.rows(session, cql);
    }

    private static void assertRefused(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
