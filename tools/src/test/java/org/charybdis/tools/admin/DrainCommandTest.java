package org.charybdis.tools.admin;

import org.charybdis.server.api.NodeDrain;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.tools.admin.AdminCommandTest.charybdis;

/** {@code charybdis admin drain} against a node of its own: a drained node is no use to other tests. */
class DrainCommandTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void drainSucceedsAndStatusAndInfoShowTheNodeDrained() {
        AdminCommandTest.Outcome drain = charybdis("admin", "--api-port=" + server.apiPort(), "drain");
        assertThat(drain.exitCode()).as(drain.err()).isZero();
        assertThat(server.server().mode()).isEqualTo(NodeDrain.Mode.DRAINED);

        assertThat(charybdis("admin", "--api-port=" + server.apiPort(), "status").out()).containsPattern("(?m)^Mode: DRAINED$");
        assertThat(charybdis("admin", "--api-port=" + server.apiPort(), "info").out()).containsPattern("(?m)^Mode\\s+: DRAINED$");
    }
}
