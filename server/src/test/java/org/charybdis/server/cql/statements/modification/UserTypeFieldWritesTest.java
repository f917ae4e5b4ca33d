package org.charybdis.server.cql.statements.modification;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code UPDATE t SET u.f = v} and {@code DELETE u.f} on non-frozen UDT columns through the Java driver, read
 * back with {@code SELECT u}. Expected results and errors recorded from Apache Cassandra 5.0.6 (this class
 * also passes against it, see {@link CharybdisServerExtension}).
 */
class UserTypeFieldWritesTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        // no driver-side schema metadata: each DDL would wait for its refresh
        session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS udtf WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS udtf.t");
        session.execute("DROP TYPE IF EXISTS udtf.addr");
        session.execute("CREATE TYPE udtf.addr (street text, zip int, tags frozen<set<text>>)");
        session.execute("CREATE TABLE udtf.t (k int, c int, u addr, fu frozen<addr>, su addr static, v int, PRIMARY KEY (k, c))");
    }

    @Test
    void fieldsAreWrittenAndDeletedOneByOne() {
        session.execute("UPDATE udtf.t SET u.zip = 5 WHERE k = 1 AND c = 1");
        assertThat(u(1, 1)).isEqualTo("{street:NULL,zip:5,tags:NULL}");
        session.execute("UPDATE udtf.t SET u.street = 'main', u.tags = {'a'} WHERE k = 1 AND c = 1");
        assertThat(u(1, 1)).isEqualTo("{street:main,zip:5,tags:[a]}");
        session.execute("UPDATE udtf.t SET u.street = null WHERE k = 1 AND c = 1");
        assertThat(u(1, 1)).isEqualTo("{street:NULL,zip:5,tags:[a]}");
        session.execute("DELETE u.zip FROM udtf.t WHERE k = 1 AND c = 1");
        assertThat(u(1, 1)).isEqualTo("{street:NULL,zip:NULL,tags:[a]}");
        // the last field gone, the row (written by UPDATE, without a row marker) is gone too
        session.execute("DELETE u.tags FROM udtf.t WHERE k = 1 AND c = 1");
        assertThat(session.execute("SELECT * FROM udtf.t WHERE k = 1").all()).isEmpty();
        // a null field write on a missing row writes nothing visible
        session.execute("UPDATE udtf.t SET u.zip = null WHERE k = 7 AND c = 1");
        assertThat(session.execute("SELECT * FROM udtf.t WHERE k = 7").all()).isEmpty();
    }

    @Test
    void fieldWritesOnAnInsertedRowAndOverwrites() {
        session.execute("INSERT INTO udtf.t (k, c, u) VALUES (5, 1, {street: 's'})");
        session.execute("UPDATE udtf.t SET u.zip = 1 WHERE k = 5 AND c = 1");
        assertThat(u(5, 1)).isEqualTo("{street:s,zip:1,tags:NULL}");
        session.execute("DELETE u.street, u.zip FROM udtf.t WHERE k = 5 AND c = 1");
        Row row = session.execute("SELECT k, c, u FROM udtf.t WHERE k = 5 AND c = 1").one();
        assertThat(row).isNotNull(); // the INSERT's row marker keeps the row
        assertThat(row.isNull("u")).isTrue();
        // a whole-value write replaces every field
        session.execute("UPDATE udtf.t SET u.zip = 1, u.street = 'a' WHERE k = 6 AND c = 1");
        session.execute("UPDATE udtf.t SET u = {street: 'z'} WHERE k = 6 AND c = 1");
        assertThat(u(6, 1)).isEqualTo("{street:z,zip:NULL,tags:NULL}");
    }

    @Test
    void fieldWritesFollowTimestampsStaticRowsAndSeveralRows() {
        session.execute("UPDATE udtf.t USING TIMESTAMP 100 SET u.zip = 1 WHERE k = 11 AND c = 1");
        session.execute("UPDATE udtf.t USING TIMESTAMP 50 SET u.zip = 2 WHERE k = 11 AND c = 1");
        session.execute("DELETE u.zip FROM udtf.t USING TIMESTAMP 60 WHERE k = 11 AND c = 1");
        assertThat(u(11, 1)).isEqualTo("{street:NULL,zip:1,tags:NULL}"); // the write at 100 wins

        session.execute("UPDATE udtf.t SET su.zip = 3 WHERE k = 2");
        Row row = session.execute("SELECT c, su, u FROM udtf.t WHERE k = 2").one();
        assertThat(row.isNull("c")).isTrue();
        assertThat(render(row.getUdtValue("su"))).isEqualTo("{street:NULL,zip:3,tags:NULL}");

        session.execute("UPDATE udtf.t SET u.zip = 1 WHERE k = 12 AND c IN (1, 2)");
        assertThat(session.execute("SELECT c, u FROM udtf.t WHERE k = 12").all().stream()
                .map(r -> r.getInt("c") + "=" + render(r.getUdtValue("u"))))
                .containsExactly("1={street:NULL,zip:1,tags:NULL}", "2={street:NULL,zip:1,tags:NULL}");

        session.execute("BEGIN BATCH UPDATE udtf.t SET u.zip = 1 WHERE k = 10 AND c = 1; UPDATE udtf.t SET u.street = 'b' "
                + "WHERE k = 10 AND c = 1; DELETE u.zip FROM udtf.t WHERE k = 10 AND c = 2; APPLY BATCH");
        assertThat(u(10, 1)).isEqualTo("{street:b,zip:1,tags:NULL}");
    }

    @Test
    void preparedFieldWritesNameTheirMarkersAfterTheField() {
        PreparedStatement update = session.prepare("UPDATE udtf.t SET u.zip = ?, u.street = ? WHERE k = ? AND c = ?");
        assertThat(update.getVariableDefinitions().get(0).getName().asInternal()).isEqualTo("u.zip");
        assertThat(update.getVariableDefinitions().get(1).getName().asInternal()).isEqualTo("u.street");
        session.execute(update.bind(3, "x", 8, 1));
        session.execute(update.bind().unset(0).setString(1, null).setInt(2, 8).setInt(3, 1));
        assertThat(u(8, 1)).isEqualTo("{street:NULL,zip:3,tags:NULL}");
    }

    @Test
    void fieldWritesAreRefusedWhereCassandraRefusesThem() {
        invalid("UPDATE udtf.t SET fu.zip = 1 WHERE k = 1 AND c = 1", "Invalid operation (fu.zip = 1) for frozen UDT column fu");
        invalid("DELETE fu.zip FROM udtf.t WHERE k = 1 AND c = 1", "Frozen UDT column fu does not support field deletions");
        invalid("UPDATE udtf.t SET v.zip = 1 WHERE k = 1 AND c = 1", "Invalid operation (v.zip = 1) for non-UDT column v");
        invalid("DELETE v.zip FROM udtf.t WHERE k = 1 AND c = 1", "Invalid field deletion operation for non-UDT column v");
        invalid("UPDATE udtf.t SET u.nope = 1 WHERE k = 1 AND c = 1", "UDT column u does not have a field named nope");
        invalid("DELETE u.nope FROM udtf.t WHERE k = 1 AND c = 1", "UDT column u does not have a field named nope");
        invalid("UPDATE udtf.t SET u.zip = 'x' WHERE k = 1 AND c = 1", "Invalid STRING constant (x) for \"u.zip\" of type int");
        invalid("UPDATE udtf.t SET u.zip = 1 WHERE k = 6 AND c > 1",
                "Slice restrictions are not supported on the clustering columns in UPDATE statements");
        invalid("DELETE u.zip FROM udtf.t WHERE k = 6", "Range deletions are not supported for specific columns");
        invalid("DELETE u.zip FROM udtf.t WHERE k = 6 AND c > 1", "Range deletions are not supported for specific columns");
        for (String cql : List.of("UPDATE udtf.t SET u.zip = 7, u.zip = 8 WHERE k = 3 AND c = 1",
                "UPDATE udtf.t SET u = {zip: 1}, u.zip = 8 WHERE k = 3 AND c = 1")) {
            assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(SyntaxError.class)
                    .hasMessage("Multiple incompatible setting of column u");
        }
        assertThatThrownBy(() -> session.execute("UPDATE udtf.t SET u.zip = u.zip + 1 WHERE k = 3 AND c = 1"))
                .isInstanceOf(SyntaxError.class);
    }

    private static String u(int k, int c) {
        return render(session.execute("SELECT u FROM udtf.t WHERE k = ? AND c = ?", k, c).one().getUdtValue("u"));
    }

    /** The fields, telling a null field apart (the driver reads a null collection as an empty one). */
    private static String render(UdtValue value) {
        StringJoiner fields = new StringJoiner(",", "{", "}");
        for (int i = 0; i < value.size(); i++) {
            fields.add(value.getType().getFieldNames().get(i).asInternal() + ":" + (value.isNull(i) ? "NULL" : value.getObject(i)));
        }
        return fields.toString();
    }

    private static void invalid(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
