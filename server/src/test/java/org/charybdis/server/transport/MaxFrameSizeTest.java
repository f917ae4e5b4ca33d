package org.charybdis.server.transport;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.cql.exceptions.ErrorCode;
import org.charybdis.cql.messages.ErrorResponse;
import org.charybdis.cql.messages.ReadyResponse;
import org.charybdis.cql.messages.Response;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CqlTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * native_transport_max_frame_size_in_mb: a larger frame is refused with InvalidRequest on its stream, as Cassandra
 * does, and the connection goes on, in v4 framing and in v5 (where the envelope spans many segments).
 */
class MaxFrameSizeTest {
    private static final int ONE_MB = 1024 * 1024;

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB, 1);

    @Test
    void oversizedFrameIsRefusedAndTheConnectionGoesOn() {
        try (CqlTestClient big = server.rawClient(); CqlTestClient other = server.rawClient()) {
            big.startup(ProtocolVersion.V4);
            other.startup(ProtocolVersion.V4);

            big.sendRaw(CqlTestClient.frameBytes(4, 0, 77, Opcode.QUERY.code(), new byte[2 * ONE_MB]));

            assertInvalidRequest(big.receiveFor(77).response(), "Request is too big: length " + (2 * ONE_MB + 9)
                    + " exceeds maximum allowed length " + ONE_MB);
            assertThat(other.options()).containsKey("CQL_VERSION");
            // the oversized body was skipped: the next frame on the same connection is read correctly
            assertThat(big.options()).containsKey("CQL_VERSION");
        }
        try (CqlTestClient fresh = server.rawClient()) {
            assertThat(fresh.startup(ProtocolVersion.V4)).isInstanceOf(ReadyResponse.class);
        }
    }

    @Test
    void frameJustUnderTheLimitIsProcessed() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            // a syntax error shows the statement reached the parser
            CqlHandshakeTest.assertSyntaxError(client.query("SELEC " + "x".repeat(ONE_MB - 1000)));
        }
    }

    @Test
    void errorMessageNamesTheSetting() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            client.sendRaw(CqlTestClient.frameBytes(4, 0, 5, Opcode.QUERY.code(), new byte[ONE_MB + 1]));
            assertInvalidRequest(client.receiveFor(5).response(), "native_transport_max_frame_size_in_mb = 1");
        }
    }

    @Test
    void aDriverSendingAValueOverTheLimitGetsInvalidRequestAndKeepsItsConnection() {
        // the Java driver speaks v5 here: the statement travels as one envelope over many segments
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS big WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS big.t (k int PRIMARY KEY, v blob)");
        PreparedStatement insert = session.prepare("INSERT INTO big.t (k, v) VALUES (?, ?)");
        assertThatThrownBy(() -> session.execute(insert.bind(1, ByteBuffer.allocate(2 * ONE_MB))))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("Request is too big")
                .hasMessageContaining("native_transport_max_frame_size_in_mb = 1");
        // the very next request succeeds: the driver did not lose its connection (a reconnection waits a second)
        long start = System.nanoTime();
        session.execute(insert.bind(2, ByteBuffer.allocate(1000)));
        assertThat(session.execute("SELECT k FROM big.t WHERE k = 2").one()).isNotNull();
        assertThat(session.execute("SELECT k FROM big.t WHERE k = 1").one()).isNull();
        assertThat(System.nanoTime() - start).as("nanos to the next answers").isLessThan(900_000_000L);
        assertThat(session.getMetadata().getNodes().values()).allSatisfy(node -> assertThat(node.getOpenConnections()).isPositive());
    }

    private static void assertInvalidRequest(Response response, String messagePart) {
        assertThat(response).as(CqlTestClient.describe(response)).isInstanceOf(ErrorResponse.class);
        ErrorResponse error = (ErrorResponse) response;
        assertThat(error.error().code()).isEqualTo(ErrorCode.INVALID);
        assertThat(error.error().getMessage()).contains(messagePart);
    }
}
