package org.charybdis.tools.admin;

import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.tools.admin.AdminCommandTest.charybdis;

/** {@code charybdis admin} against a node whose admin API requires a superuser's credentials. */
class AdminCredentialsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.API_AUTHENTICATION, "password");

    @BeforeAll
    static void roles() {
        server.session("cassandra", "cassandra").execute("CREATE ROLE viewer WITH PASSWORD = 'viewer' AND LOGIN = true");
    }

    @Test
    void aSuperusersCredentialsLetTheCommandsThrough() {
        AdminCommandTest.Outcome status = charybdis("admin", "--api-port=" + server.apiPort(), "--user=cassandra", "--password=cassandra", "status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("Datacenter: datacenter1");

        AdminCommandTest.Outcome flush = charybdis("admin", "--api-port=" + server.apiPort(), "-u", "cassandra", "-pw", "cassandra", "flush");
        assertThat(flush.exitCode()).as(flush.err()).isZero();
    }

    @Test
    void withoutCredentialsTheCommandSaysHowToGiveThem() {
        AdminCommandTest.Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "status");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("requires a superuser's credentials").contains("--user and --password")
                .contains("CHARYBDIS_API_USER");
    }

    @Test
    void wrongPasswordAndNonSuperusersAreRefused() {
        AdminCommandTest.Outcome wrong = charybdis("admin", "--api-port=" + server.apiPort(), "--user=cassandra", "--password=nope", "info");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("Provided username cassandra and/or password are incorrect");

        AdminCommandTest.Outcome viewer = charybdis("admin", "--api-port=" + server.apiPort(), "--user=viewer", "--password=viewer", "flush");
        assertThat(viewer.exitCode()).isEqualTo(1);
        assertThat(viewer.err()).contains("User viewer is not a superuser");
    }
}
