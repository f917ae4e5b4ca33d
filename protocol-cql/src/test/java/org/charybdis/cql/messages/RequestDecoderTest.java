package org.charybdis.cql.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.Frame;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad request bodies must give a ProtocolException, and nothing else. */
class RequestDecoderTest {

    private static InboundRequest decode(ProtocolVersion version, Opcode opcode, ByteBuf body) {
        Frame frame = Frame.request(version, 0, 1, opcode, body);
        try {
            return RequestDecoder.decode(frame);
        } finally {
            frame.release();
        }
    }

    private static ByteBuf body(int... bytes) {
        ByteBuf buf = Unpooled.buffer();
        for (int b : bytes) {
            buf.writeByte(b);
        }
        return buf;
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void everyTruncationOfAFullQueryIsAProtocolError(ProtocolVersion version) {
        QueryOptions options = new QueryOptions(ConsistencyLevel.ONE, List.of(ByteBuffer.wrap(new byte[] {1})),
                List.of("a"), false, 100, ByteBuffer.wrap(new byte[] {2}), ConsistencyLevel.LOCAL_SERIAL, 5L,
                null, QueryOptions.NO_NOW);
        ByteBuf full = Unpooled.buffer();
        new QueryRequest("SELECT * FROM t", options).encode(full, version);
        for (int length = 0; length < full.readableBytes(); length++) {
            ByteBuf prefix = full.copy(0, length);
            assertThatThrownBy(() -> decode(version, Opcode.QUERY, prefix))
                    .as("prefix of %d bytes", length).isInstanceOf(ProtocolException.class);
        }
        full.release();
    }

    @Test
    void badUtf8() {
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.QUERY, body(0, 0, 0, 2, 0xC3, 0x28, 0, 1, 0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("UTF8");
    }

    @Test
    void negativeAndOversizedLengths() {
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.QUERY, body(0xFF, 0xFF, 0xFF, 0xFE)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Negative");
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.QUERY, body(0x7F, 0xFF, 0xFF, 0xFF, 'a')))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Truncated");
        // a string map announcing 65535 entries in 2 bytes
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.STARTUP, body(0xFF, 0xFF)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void unknownConsistencyAndFlags() {
        // empty query, consistency 0x0042
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.QUERY, body(0, 0, 0, 0, 0, 0x42, 0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("consistency");
        // flag 0x80 does not exist before v5
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.QUERY, body(0, 0, 0, 0, 0, 1, 0x80)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("flags");
        assertThatThrownBy(() -> decode(ProtocolVersion.V5, Opcode.QUERY, body(0, 0, 0, 0, 0, 1, 0, 0, 0x10, 0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("flags");
    }

    @Test
    void valueLengthsBelowMinusTwoAndUnsetBeforeV4() {
        // empty query, ONE, VALUES, 1 value of length -3
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.QUERY,
                body(0, 0, 0, 0, 0, 1, 1, 0, 1, 0xFF, 0xFF, 0xFF, 0xFD)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("-3");
        assertThatThrownBy(() -> decode(ProtocolVersion.V3, Opcode.QUERY,
                body(0, 0, 0, 0, 0, 1, 1, 0, 1, 0xFF, 0xFF, 0xFF, 0xFE)))
                .isInstanceOf(ProtocolException.class);
        QueryRequest unset = (QueryRequest) decode(ProtocolVersion.V4, Opcode.QUERY,
                body(0, 0, 0, 0, 0, 1, 1, 0, 1, 0xFF, 0xFF, 0xFF, 0xFE)).request();
        assertThat(unset.options().values().getFirst()).isSameAs(QueryOptions.UNSET);
    }

    @Test
    void batchRejectsBadKindsTypesAndFlags() {
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.BATCH, body(3, 0, 0, 0, 1, 0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("batch type");
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.BATCH, body(0, 0, 1, 2, 0, 0, 0, 0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("kind");
        // no statements, ONE, values flag
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.BATCH, body(0, 0, 0, 0, 1, 0x01)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("BATCH flags");
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.BATCH, body(0, 0, 0, 0, 1, 0x40)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Names");
    }

    @Test
    void registerRejectsUnknownEventTypes() {
        ByteBuf buf = Unpooled.buffer();
        WireFormat.writeStringList(buf, List.of("SCHEMA_CHANGE", "NOPE"));
        assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcode.REGISTER, buf))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("NOPE");
    }

    @Test
    void randomBodiesNeverEscapeAsAnythingButProtocolException() {
        Random random = new Random(42);
        Opcode[] requests = {Opcode.STARTUP, Opcode.QUERY, Opcode.PREPARE, Opcode.EXECUTE, Opcode.BATCH,
                Opcode.REGISTER, Opcode.AUTH_RESPONSE};
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            ProtocolVersion version = ProtocolVersion.values()[random.nextInt(3)];
            Opcode opcode = requests[random.nextInt(requests.length)];
            try {
                decode(version, opcode, Unpooled.wrappedBuffer(bytes));
            } catch (ProtocolException expected) {
                // the only acceptable failure
            }
        }
    }
}
