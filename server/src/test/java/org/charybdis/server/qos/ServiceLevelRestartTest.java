package org.charybdis.server.qos;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Levels and attachments are stored: after a restart they are listed, and served by groups with their shares. */
class ServiceLevelRestartTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication();

    @Test
    void levelsAndAttachmentsSurviveARestart() {
        CqlSession admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE SERVICE LEVEL olap WITH shares = 150 AND timeout = 2s AND workload_type = 'batch'");
        admin.execute("CREATE SERVICE LEVEL oltp WITH shares = 900");
        admin.execute("CREATE SERVICE LEVEL gone");
        admin.execute("CREATE ROLE analyst WITH PASSWORD = 'pw' AND LOGIN = true");
        admin.execute("ATTACH SERVICE LEVEL olap TO analyst");
        admin.execute("ATTACH SERVICE LEVEL gone TO cassandra");
        admin.execute("DROP SERVICE LEVEL gone");

        server.restart();

        admin = server.session("cassandra", "cassandra");
        List<Row> levels = admin.execute("LIST ALL SERVICE LEVELS").all();
        assertThat(levels).extracting(r -> r.getString("service_level")).containsExactly("olap", "oltp");
        assertThat(levels.get(0).getInt("shares")).isEqualTo(150);
        assertThat(levels.get(0).getCqlDuration("timeout")).isEqualTo(CqlDuration.from("2s"));
        assertThat(levels.get(0).getString("workload_type")).isEqualTo("batch");
        assertThat(admin.execute("LIST ALL ATTACHED SERVICE LEVELS").all())
                .extracting(r -> r.getString("role") + "=" + r.getString("service_level")).containsExactly("analyst=olap");

        SchedulingGroup olap = server.server().runtime().group("sl:olap");
        assertThat(olap.shares()).isEqualTo(150);
        assertThat(server.server().runtime().group("sl:oltp").shares()).isEqualTo(900);
        assertThat(server.server().runtime().group("sl:gone")).isNull();
        EffectiveServiceLevel analyst = server.server().context().serviceLevels().state().served("analyst");
        assertThat(analyst.group()).isSameAs(olap);
        assertThat(analyst.workloadType()).isEqualTo(WorkloadType.BATCH);
    }
}
