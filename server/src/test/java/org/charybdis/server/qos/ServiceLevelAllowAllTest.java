package org.charybdis.server.qos;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With AllowAllAuthenticator clients are anonymous: they may manage levels (as in ScyllaDB) and get the default one. */
class ServiceLevelAllowAllTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void anonymousClientsManageLevelsAndRunInTheDefaultOne() {
        CqlSession session = server.session();
        session.execute("CREATE SERVICE LEVEL olap WITH shares = 100");
        assertThat(session.execute("LIST SERVICE LEVEL olap").one().getInt("shares")).isEqualTo(100);
        assertThatThrownBy(() -> session.execute("ATTACH SERVICE LEVEL olap TO someone"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Role someone doesn't exist.");

        EffectiveServiceLevel anonymous = server.server().context().serviceLevels().effective(
                org.charybdis.server.cql.ClientState.internal(org.charybdis.cql.transport.ProtocolVersion.V4));
        assertThat(anonymous.serviceLevel()).isEqualTo(ServiceLevelController.DEFAULT);
        assertThat(anonymous.group()).isSameAs(server.server().runtime().group(ShardRuntime.STATEMENT));
        assertThat(anonymous.timeout()).isNull();
        session.execute("DROP SERVICE LEVEL olap");
    }
}
