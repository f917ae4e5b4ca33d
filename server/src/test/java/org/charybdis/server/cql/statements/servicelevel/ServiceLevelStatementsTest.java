package org.charybdis.server.cql.statements.servicelevel;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every service level statement through the Java driver: results as ScyllaDB shows them, and its errors. */
class ServiceLevelStatementsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication();

    private static CqlSession admin;

    @BeforeAll
    static void connect() {
        admin = server.session("cassandra", "cassandra");
    }

    @AfterEach
    void dropEveryLevel() {
        for (Row row : admin.execute("LIST ALL SERVICE LEVELS")) admin.execute("DROP SERVICE LEVEL \"" + row.getString("service_level") + "\"");
    }

    @Test
    void createListAlterAndDrop() {
        admin.execute("CREATE SERVICE LEVEL olap WITH shares = 200 AND timeout = 500ms AND workload_type = 'batch'");
        admin.execute("CREATE SERVICE LEVEL oltp");
        admin.execute("CREATE SERVICE_LEVEL IF NOT EXISTS oltp WITH SHARES = 5"); // ScyllaDB's spelling; exists: no change

        ResultSet all = admin.execute("LIST ALL SERVICE LEVELS");
        assertThat(names(all.getColumnDefinitions())).containsExactly("service_level", "timeout", "workload_type", "shares",
                "percentage of all service level shares");
        List<Row> rows = all.all();
        assertThat(rows).extracting(r -> r.getString("service_level")).containsExactly("olap", "oltp");
        assertThat(rows.get(0).getCqlDuration("timeout")).isEqualTo(CqlDuration.from("500ms"));
        assertThat(rows.get(0).getString("workload_type")).isEqualTo("batch");
        assertThat(rows.get(0).getInt("shares")).isEqualTo(200);
        assertThat(rows.get(0).getString("percentage of all service level shares")).isEqualTo("16.67%");
        assertThat(rows.get(1).isNull("timeout")).isTrue();
        assertThat(rows.get(1).isNull("workload_type")).isTrue();
        assertThat(rows.get(1).getInt("shares")).isEqualTo(1000);
        assertThat(rows.get(1).getString("percentage of all service level shares")).isEqualTo("83.33%");

        // ALTER changes only what it names; null and 'unspecified' remove
        admin.execute("ALTER SERVICE LEVEL olap WITH shares = 100");
        Row olap = admin.execute("LIST SERVICE LEVEL olap").one();
        assertThat(olap.getColumnDefinitions().size()).isEqualTo(4);
        assertThat(olap.getInt("shares")).isEqualTo(100);
        assertThat(olap.getCqlDuration("timeout")).isEqualTo(CqlDuration.from("500ms"));
        admin.execute("ALTER SERVICE LEVEL olap WITH timeout = null AND workload_type = 'unspecified'");
        olap = admin.execute("LIST SERVICE LEVEL olap").one();
        assertThat(olap.isNull("timeout")).isTrue();
        assertThat(olap.isNull("workload_type")).isTrue();
        assertThat(olap.getInt("shares")).isEqualTo(100);
        assertThat(admin.execute("LIST SERVICE LEVEL nosuch").all()).isEmpty();

        // the table is ScyllaDB's system.service_levels_v2, readable by SELECT
        Row stored = admin.execute("SELECT * FROM system.service_levels_v2 WHERE service_level = 'olap'").one();
        assertThat(stored.getInt("shares")).isEqualTo(100);
        assertThat(stored.isNull("timeout")).isTrue();

        admin.execute("DROP SERVICE LEVEL olap");
        admin.execute("DROP SERVICE LEVEL IF EXISTS olap");
        assertThat(admin.execute("LIST ALL SERVICE LEVELS").all()).extracting(r -> r.getString("service_level")).containsExactly("oltp");
    }

    @Test
    void errorsOfCreateAlterDrop() {
        admin.execute("CREATE SERVICE LEVEL sl");
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL sl"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("The service level 'sl' already exists.");
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL default"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("The service level 'default' already exists.");
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL \"$internal\""))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("Names starting with '$' are reserved for internal tenants. Use a different name.");
        assertThatThrownBy(() -> admin.execute("ALTER SERVICE LEVEL nosuch WITH shares = 10"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("The service level 'nosuch' doesn't exist.");
        assertThatThrownBy(() -> admin.execute("DROP SERVICE LEVEL nosuch"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Service Level nosuch doesn't exists.");

        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL bad WITH shares = 0"))
                .isInstanceOf(SyntaxError.class).hasMessage("'SHARES' can only take values of 1-1000 (given 0)");
        assertThatThrownBy(() -> admin.execute("ALTER SERVICE LEVEL sl WITH shares = 1001"))
                .isInstanceOf(SyntaxError.class).hasMessage("'SHARES' can only take values of 1-1000 (given 1001)");
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL bad WITH shares = 'many'"))
                .isInstanceOf(SyntaxError.class).hasMessage("Invalid integer value many for 'shares'");
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL bad WITH priority = 1"))
                .isInstanceOf(SyntaxError.class).hasMessage("Unknown property 'priority'");
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL bad WITH timeout = 'soon'"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Unable to convert 'soon' to a duration");
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL bad WITH timeout = 1d"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Timeout values cannot be expressed in days/months");
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL bad WITH timeout = 1500us"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Timeout values must be expressed in millisecond granularity");
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL bad WITH workload_type = 'oltp'"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Invalid workload type: oltp");
        assertThat(admin.execute("LIST ALL SERVICE LEVELS").all()).hasSize(1);
    }

    @Test
    void atMostEightLevels() {
        for (int i = 1; i <= 8; i++) admin.execute("CREATE SERVICE LEVEL level" + i + " WITH shares = " + (i * 100));
        assertThatThrownBy(() -> admin.execute("CREATE SERVICE LEVEL level9"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Can't create service level - no more scheduling groups exist");
        admin.execute("DROP SERVICE LEVEL level3");
        admin.execute("CREATE SERVICE LEVEL level9"); // a dropped level's group is taken over
        assertThat(admin.execute("LIST ALL SERVICE LEVELS").all()).hasSize(8);
    }

    @Test
    void attachDetachAndListAttached() {
        admin.execute("CREATE ROLE analyst");
        admin.execute("CREATE ROLE web");
        admin.execute("CREATE SERVICE LEVEL olap WITH shares = 100");
        admin.execute("CREATE SERVICE LEVEL oltp");
        admin.execute("ATTACH SERVICE LEVEL olap TO analyst");
        admin.execute("ATTACH SERVICE LEVEL oltp TO web");

        ResultSet one = admin.execute("LIST ATTACHED SERVICE LEVEL OF analyst");
        assertThat(names(one.getColumnDefinitions())).containsExactly("role", "service_level");
        assertThat(one.one().getString("service_level")).isEqualTo("olap");
        assertThat(pairs(admin.execute("LIST ALL ATTACHED SERVICE LEVELS"))).containsExactly("analyst=olap", "web=oltp");
        Row attribute = admin.execute("SELECT * FROM system_auth.role_attributes WHERE role = 'analyst'").one();
        assertThat(attribute.getString("name")).isEqualTo("service_level");
        assertThat(attribute.getString("value")).isEqualTo("olap");

        admin.execute("ATTACH SERVICE LEVEL oltp TO analyst"); // a role has one level: the new one replaces it
        admin.execute("DETACH SERVICE LEVEL FROM web");
        assertThat(pairs(admin.execute("LIST ALL ATTACHED SERVICE LEVELS"))).containsExactly("analyst=oltp");
        assertThat(admin.execute("LIST ATTACHED SERVICE LEVEL OF web").all()).isEmpty();

        // dropping a level detaches it from its roles; dropping a role forgets its level
        admin.execute("ATTACH SERVICE LEVEL olap TO web");
        admin.execute("DROP SERVICE LEVEL oltp");
        assertThat(pairs(admin.execute("LIST ALL ATTACHED SERVICE LEVELS"))).containsExactly("web=olap");
        admin.execute("DROP ROLE web");
        assertThat(admin.execute("LIST ALL ATTACHED SERVICE LEVELS").all()).isEmpty();
        assertThat(admin.execute("SELECT * FROM system_auth.role_attributes WHERE role = 'web'").all()).isEmpty();

        assertThatThrownBy(() -> admin.execute("ATTACH SERVICE LEVEL nosuch TO analyst"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Service Level nosuch doesn't exists.");
        assertThatThrownBy(() -> admin.execute("ATTACH SERVICE LEVEL olap TO nobody"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Role nobody doesn't exist.");
        assertThatThrownBy(() -> admin.execute("DETACH SERVICE LEVEL FROM nobody"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Role nobody doesn't exist.");
        admin.execute("DROP ROLE analyst");
    }

    @Test
    void effectiveLevelCombinesGrantedRoles() {
        // ScyllaDB's example: role1 <- role2 <- (role3, role4), timeouts 1s, 50ms, 2s, 10ms
        admin.execute("CREATE SERVICE LEVEL sl1 WITH timeout = 1s AND workload_type = 'interactive' AND shares = 800");
        admin.execute("CREATE SERVICE LEVEL sl2 WITH timeout = 50ms AND shares = 300");
        admin.execute("CREATE SERVICE LEVEL sl3 WITH timeout = 2s AND workload_type = 'batch' AND shares = 500");
        admin.execute("CREATE SERVICE LEVEL sl4 WITH timeout = 10ms");
        for (int i = 1; i <= 4; i++) {
            admin.execute("CREATE ROLE role" + i);
            admin.execute("ATTACH SERVICE LEVEL sl" + i + " TO role" + i);
        }
        admin.execute("GRANT role2 TO role1");
        admin.execute("GRANT role3 TO role2");
        admin.execute("GRANT role4 TO role2");
        admin.execute("CREATE ROLE bare");

        ResultSet effective = admin.execute("LIST EFFECTIVE SERVICE LEVEL OF role1");
        assertThat(names(effective.getColumnDefinitions())).containsExactly("service_level_option", "effective_service_level", "value");
        assertThat(triples(effective)).containsExactly("workload_type|sl3|batch", "timeout|sl4|10ms", "shares|sl2|300");
        assertThat(triples(admin.execute("LIST EFFECTIVE SERVICE LEVEL OF role3"))).containsExactly(
                "workload_type|sl3|batch", "timeout|sl3|2s", "shares|sl3|500");
        assertThat(triples(admin.execute("LIST EFFECTIVE SERVICE LEVEL OF role4"))).containsExactly(
                "workload_type|sl4|unspecified", "timeout|sl4|10ms", "shares|sl4|1000");

        // revoking takes effect at once
        admin.execute("REVOKE role2 FROM role1");
        assertThat(triples(admin.execute("LIST EFFECTIVE SERVICE LEVEL OF role1"))).containsExactly(
                "workload_type|sl1|interactive", "timeout|sl1|1s", "shares|sl1|800");

        assertThatThrownBy(() -> admin.execute("LIST EFFECTIVE SERVICE LEVEL OF bare"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Role bare doesn't have assigned any service level");
        assertThatThrownBy(() -> admin.execute("LIST EFFECTIVE SERVICE LEVEL OF nobody"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Role nobody doesn't exist.");
        for (String role : List.of("role1", "role2", "role3", "role4", "bare")) admin.execute("DROP ROLE " + role);
    }

    @Test
    void anyLoggedInRoleMayListLevels() {
        admin.execute("CREATE ROLE reader WITH PASSWORD = 'pw' AND LOGIN = true");
        admin.execute("CREATE SERVICE LEVEL visible");
        try (CqlSession reader = server.session("reader", "pw")) {
            assertThat(reader.execute("LIST ALL SERVICE LEVELS").all()).extracting(r -> r.getString("service_level")).containsExactly("visible");
        }
        admin.execute("DROP ROLE reader");
    }

    private static List<String> names(Iterable<ColumnDefinition> columns) {
        return StreamSupport.stream(columns.spliterator(), false).map(c -> c.getName().asInternal()).toList();
    }

    private static List<String> pairs(ResultSet rows) {
        List<String> out = new ArrayList<>();
        for (Row row : rows) out.add(row.getString("role") + "=" + row.getString("service_level"));
        return out;
    }

    private static List<String> triples(ResultSet rows) {
        List<String> out = new ArrayList<>();
        for (Row row : rows) out.add(row.getString(0) + "|" + row.getString(1) + "|" + row.getString(2));
        return out;
    }
}
