package org.charybdis.cql.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.charybdis.cql.transport.Frame;
import org.charybdis.cql.transport.ProtocolVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RequestRoundTripTest {
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static InboundRequest roundTrip(ProtocolVersion version, Request request) {
        Frame frame = RequestEncoder.encode(ALLOC, version, 7, request);
        try {
            InboundRequest decoded = RequestDecoder.decode(frame);
            assertThat(decoded.streamId()).isEqualTo(7);
            assertThat(decoded.version()).isEqualTo(version);
            assertThat(decoded.request().opcode()).isEqualTo(request.opcode());
            return decoded;
        } finally {
            frame.release();
            assertThat(frame.refCnt()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void simpleRequests(ProtocolVersion version) {
        StartupRequest startup = new StartupRequest(Map.of("CQL_VERSION", "3.0.0", "COMPRESSION", "lz4"));
        assertThat(roundTrip(version, startup).request()).isEqualTo(startup);
        assertThat(roundTrip(version, OptionsRequest.INSTANCE).request()).isEqualTo(OptionsRequest.INSTANCE);
        RegisterRequest register = new RegisterRequest(List.of(EventType.SCHEMA_CHANGE, EventType.STATUS_CHANGE));
        assertThat(roundTrip(version, register).request()).isEqualTo(register);
        AuthResponseRequest auth = new AuthResponseRequest("\0cassandra\0cassandra".getBytes(StandardCharsets.UTF_8));
        assertThat(((AuthResponseRequest) roundTrip(version, auth).request()).token()).isEqualTo(auth.token());
        assertThat(((AuthResponseRequest) roundTrip(version, new AuthResponseRequest(null)).request()).token()).isNull();
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void queryWithAllOptions(ProtocolVersion version) {
        boolean v5 = version == ProtocolVersion.V5;
        List<ByteBuffer> values = version == ProtocolVersion.V3
                ? Arrays.asList(bytes("a"), null)
                : Arrays.asList(bytes("a"), null, QueryOptions.UNSET);
        QueryOptions options = new QueryOptions(ConsistencyLevel.LOCAL_QUORUM, values, null, true, 5000,
                bytes("page"), ConsistencyLevel.LOCAL_SERIAL, 1234567L, v5 ? "ks" : null,
                v5 ? 1_700_000_000 : QueryOptions.NO_NOW);
        QueryRequest query = new QueryRequest("SELECT * FROM t WHERE k = ?", options);

        QueryRequest decoded = (QueryRequest) roundTrip(version, query).request();

        assertThat(decoded).isEqualTo(query);
        if (version != ProtocolVersion.V3) {
            assertThat(decoded.options().values().get(2)).isSameAs(QueryOptions.UNSET);
        }
        assertThat(decoded.options().values().get(1)).isNull();
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void queryWithNamedValuesAndDefaults(ProtocolVersion version) {
        QueryOptions options = new QueryOptions(ConsistencyLevel.ONE, List.of(bytes("x"), bytes("y")),
                List.of("a", "b"), false, QueryOptions.NO_PAGE_SIZE, null, ConsistencyLevel.SERIAL,
                QueryOptions.NO_TIMESTAMP, null, QueryOptions.NO_NOW);
        QueryRequest query = new QueryRequest("INSERT INTO t (a, b) VALUES (:a, :b)", options);
        assertThat(roundTrip(version, query).request()).isEqualTo(query);
        QueryRequest bare = new QueryRequest("SELECT 1", QueryOptions.of(ConsistencyLevel.ONE));
        assertThat(roundTrip(version, bare).request()).isEqualTo(bare);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void prepareAndExecute(ProtocolVersion version) {
        boolean v5 = version == ProtocolVersion.V5;
        PrepareRequest prepare = new PrepareRequest("SELECT * FROM t", v5 ? "ks" : null);
        assertThat(roundTrip(version, prepare).request()).isEqualTo(prepare);

        ExecuteRequest execute = new ExecuteRequest(new byte[] {1, 2, 3}, v5 ? new byte[] {9, 8} : null,
                QueryOptions.of(ConsistencyLevel.QUORUM, List.of(bytes("v"))));
        ExecuteRequest decoded = (ExecuteRequest) roundTrip(version, execute).request();
        assertThat(decoded).usingRecursiveComparison().isEqualTo(execute);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void batch(ProtocolVersion version) {
        boolean v5 = version == ProtocolVersion.V5;
        QueryOptions options = new QueryOptions(ConsistencyLevel.ALL, List.of(), null, false,
                QueryOptions.NO_PAGE_SIZE, null, ConsistencyLevel.LOCAL_SERIAL, 42L, v5 ? "ks" : null,
                v5 ? 100 : QueryOptions.NO_NOW);
        BatchRequest batch = new BatchRequest(BatchType.UNLOGGED, List.of(
                BatchStatement.ofQuery("INSERT INTO t (k) VALUES (?)", Arrays.asList(bytes("k1"))),
                BatchStatement.ofPrepared(new byte[] {7, 7}, Arrays.asList(null, bytes("v")))), options);

        BatchRequest decoded = (BatchRequest) roundTrip(version, batch).request();

        assertThat(decoded).usingRecursiveComparison().isEqualTo(batch);
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
    void customPayloadAndTracingFlag(ProtocolVersion version) {
        Frame frame = RequestEncoder.encode(ALLOC, version, 1, new QueryRequest("SELECT 1",
                QueryOptions.of(ConsistencyLevel.ONE)), true, Map.of("k", bytes("v")));
        try {
            InboundRequest decoded = RequestDecoder.decode(frame);
            assertThat(decoded.tracingRequested()).isTrue();
            assertThat(decoded.customPayload()).containsEntry("k", bytes("v"));
            assertThat(((QueryRequest) decoded.request()).query()).isEqualTo("SELECT 1");
        } finally {
            frame.release();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void flagsAreAByteBeforeV5AndAnIntInV5(ProtocolVersion version) {
        Frame frame = RequestEncoder.encode(ALLOC, version, 1, new QueryRequest("",
                new QueryOptions(ConsistencyLevel.ONE, List.of(), null, true, -1, null, ConsistencyLevel.SERIAL,
                        QueryOptions.NO_TIMESTAMP, null, QueryOptions.NO_NOW)));
        try {
            // [long string] "" (4 bytes) + consistency (2) + flags
            assertThat(frame.body().readableBytes()).isEqualTo(version == ProtocolVersion.V5 ? 10 : 7);
        } finally {
            frame.release();
        }
    }
}
