package org.charybdis.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /storage/drain on a node of its own (a drained node is no use to other tests). */
class NodeDrainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void drainAnswersDrainedAndStatusAndInfoShowIt() throws IOException {
        assertThat(mode("/status")).isEqualTo("NORMAL");
        assertThat(mode("/info")).isEqualTo("NORMAL");

        assertThat(JSON.readTree(HttpPost.body(server.apiPort(), "/storage/drain")).path("mode").asText()).isEqualTo("DRAINED");

        assertThat(mode("/status")).isEqualTo("DRAINED");
        assertThat(mode("/info")).isEqualTo("DRAINED");
        assertThat(server.server().mode()).isEqualTo(NodeDrain.Mode.DRAINED);
        // a second drain finds the node drained already
        assertThat(JSON.readTree(HttpPost.body(server.apiPort(), "/storage/drain")).path("mode").asText()).isEqualTo("DRAINED");
    }

    private static String mode(String path) throws IOException {
        return JSON.readTree(HttpGet.body(server.apiPort(), path)).path("mode").asText();
    }
}
