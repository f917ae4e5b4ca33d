package org.charybdis.tools.admin;

import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    void nodetoolsPasswordFileGivesThePasswordOfTheUser(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("nodetool.password"), "# user password\nviewer viewer\ncassandra cassandra\n");

        AdminCommandTest.Outcome named = charybdis("admin", "-p", Integer.toString(server.apiPort()), "-u", "cassandra", "-pwf", file.toString(), "status");
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(named.out()).contains("Datacenter: datacenter1");

        AdminCommandTest.Outcome firstLine = charybdis("admin", "-p", Integer.toString(server.apiPort()), "--password-file=" + file, "status");
        assertThat(firstLine.exitCode()).isEqualTo(1);
        assertThat(firstLine.err()).contains("User viewer is not a superuser");

        AdminCommandTest.Outcome missing = charybdis("admin", "-p", Integer.toString(server.apiPort()), "--username=nobody", "-pwf", file.toString(), "status");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("has no line for user nobody");
    }

    @Test
    void withoutCredentialsTheCommandSaysHowToGiveThem() {
        AdminCommandTest.Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "status");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("requires a superuser's credentials").contains("-u/--username and -pw/--password")
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
