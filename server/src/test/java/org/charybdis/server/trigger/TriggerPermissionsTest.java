package org.charybdis.server.trigger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only superusers create and drop triggers when clients log in, with Cassandra 5.0.6's messages, whatever is granted. */
class TriggerPermissionsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.AUTHORIZER, "CassandraAuthorizer");

    @Test
    void onlySuperusersCreateOrDropTriggers() {
        CqlSession admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE trg_auth WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE trg_auth.t (k int PRIMARY KEY)");
        admin.execute("CREATE ROLE dev WITH PASSWORD = 'dev' AND LOGIN = true");
        admin.execute("GRANT ALL PERMISSIONS ON KEYSPACE trg_auth TO dev");
        CqlSession dev = server.session("dev", "dev");
        assertThatThrownBy(() -> dev.execute("CREATE TRIGGER tr ON trg_auth.t USING 'org.example.Nope'"))
                .isInstanceOf(UnauthorizedException.class).hasMessage("Only superusers are allowed to perform CREATE TRIGGER queries");
        assertThatThrownBy(() -> dev.execute("DROP TRIGGER tr ON trg_auth.t"))
                .isInstanceOf(UnauthorizedException.class).hasMessage("Only superusers are allowed to perfrom DROP TRIGGER queries");
    }
}
