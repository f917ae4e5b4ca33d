package org.charybdis.cql.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charybdis.cql.exceptions.AlreadyExistsException;
import org.charybdis.cql.exceptions.CasWriteUnknownException;
import org.charybdis.cql.exceptions.CqlException;
import org.charybdis.cql.exceptions.ErrorCode;
import org.charybdis.cql.exceptions.FunctionFailureException;
import org.charybdis.cql.exceptions.ReadFailureException;
import org.charybdis.cql.exceptions.ReadTimeoutException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.exceptions.UnavailableException;
import org.charybdis.cql.exceptions.UnpreparedException;
import org.charybdis.cql.exceptions.WriteFailureException;
import org.charybdis.cql.exceptions.WriteTimeoutException;
import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.transport.Frame;
import org.charybdis.cql.transport.FrameFlags;
import org.charybdis.cql.transport.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponseRoundTripTest {
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("ks", "t", "k", TestTypes.INT), new ColumnSpec("ks", "t", "v", TestTypes.TEXT));

    private static InboundResponse roundTrip(ProtocolVersion version, Response response, ResponseExtras extras) {
        Frame frame = ResponseEncoder.encode(ALLOC, version, 3, response, extras, TestTypes.CODEC);
        try {
            assertThat(frame.isResponse()).isTrue();
            InboundResponse decoded = ResponseDecoder.decode(frame, TestTypes.CODEC);
            assertThat(decoded.streamId()).isEqualTo(3);
            return decoded;
        } finally {
            frame.release();
        }
    }

    private static Response roundTrip(ProtocolVersion version, Response response) {
        return roundTrip(version, response, ResponseExtras.NONE).response();
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void simpleResponses(ProtocolVersion version) {
        assertThat(roundTrip(version, ReadyResponse.INSTANCE)).isEqualTo(ReadyResponse.INSTANCE);
        var authenticate = new AuthenticateResponse("org.apache.cassandra.auth.PasswordAuthenticator");
        assertThat(roundTrip(version, authenticate)).isEqualTo(authenticate);
        var supported = new SupportedResponse(Map.of("CQL_VERSION", List.of("3.4.7"),
                "PROTOCOL_VERSIONS", ProtocolVersion.supportedDescriptions()));
        assertThat(roundTrip(version, supported)).isEqualTo(supported);
        assertThat(((AuthChallengeResponse) roundTrip(version, new AuthChallengeResponse(new byte[] {1}))).token())
                .containsExactly(1);
        assertThat(((AuthSuccessResponse) roundTrip(version, new AuthSuccessResponse(null))).token()).isNull();
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void resultKinds(ProtocolVersion version) {
        assertThat(roundTrip(version, VoidResult.INSTANCE)).isEqualTo(VoidResult.INSTANCE);
        assertThat(roundTrip(version, new SetKeyspaceResult("ks"))).isEqualTo(new SetKeyspaceResult("ks"));
        var change = new SchemaChangeResult(SchemaChange.table(SchemaChange.Change.CREATED, "ks", "t"));
        assertThat(roundTrip(version, change)).isEqualTo(change);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void rowsWithMetadataPagingAndNulls(ProtocolVersion version) {
        ResultMetadata metadata = ResultMetadata.of(COLUMNS).withPagingState(ByteBuffer.wrap(new byte[] {5, 6}));
        List<ByteBuffer[]> rows = List.of(
                new ByteBuffer[] {ByteBuffer.wrap(new byte[] {0, 0, 0, 1}), ByteBuffer.wrap("one".getBytes())},
                new ByteBuffer[] {ByteBuffer.wrap(new byte[] {0, 0, 0, 2}), null});

        RowsResult decoded = (RowsResult) roundTrip(version, new RowsResult(metadata, rows));

        assertThat(decoded.metadata()).usingRecursiveComparison().isEqualTo(metadata);
        assertThat(decoded.rows()).hasSize(2);
        assertThat(decoded.rows().get(0)).containsExactly(rows.get(0));
        assertThat(decoded.rows().get(1)[1]).isNull();
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void rowsWithoutMetadataAndWithChangedMetadataId(ProtocolVersion version) {
        ResultMetadata skipped = ResultMetadata.of(COLUMNS).withoutColumns();
        RowsResult decoded = (RowsResult) roundTrip(version, new RowsResult(skipped, List.of()));
        assertThat(decoded.metadata().noMetadata()).isTrue();
        assertThat(decoded.metadata().columnCount()).isEqualTo(2);
        assertThat(decoded.metadata().columns()).isEmpty();

        ResultMetadata changed = ResultMetadata.of(COLUMNS).withNewMetadataId(new byte[] {4, 2});
        RowsResult withId = (RowsResult) roundTrip(version, new RowsResult(changed, List.of()));
        if (version == ProtocolVersion.V5) {
            assertThat(withId.metadata().newMetadataId()).containsExactly(4, 2);
        } else {
            assertThat(withId.metadata().newMetadataId()).isNull();
        }
        assertThat(withId.metadata().columns()).isEqualTo(COLUMNS);
    }

    @Test
    void columnsFromSeveralTablesAreWrittenOneByOne() {
        List<ColumnSpec> mixed = List.of(new ColumnSpec("ks", "a", "x", TestTypes.INT),
                new ColumnSpec("ks2", "b", "y", TestTypes.TEXT));
        RowsResult decoded = (RowsResult) roundTrip(ProtocolVersion.V4, new RowsResult(ResultMetadata.of(mixed),
                List.of()));
        assertThat(decoded.metadata().columns()).isEqualTo(mixed);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void prepared(ProtocolVersion version) {
        PreparedResult prepared = new PreparedResult(new byte[] {1, 2}, new byte[] {3},
                new PreparedMetadata(COLUMNS, new int[] {0}), ResultMetadata.of(COLUMNS));

        PreparedResult decoded = (PreparedResult) roundTrip(version, prepared);

        assertThat(decoded.statementId()).containsExactly(1, 2);
        assertThat(decoded.variables().variables()).isEqualTo(COLUMNS);
        assertThat(decoded.resultMetadata().columns()).isEqualTo(COLUMNS);
        assertThat(decoded.resultMetadataId()).isEqualTo(version == ProtocolVersion.V5 ? new byte[] {3} : null);
        assertThat(decoded.variables().partitionKeyIndexes())
                .isEqualTo(version == ProtocolVersion.V3 ? new int[0] : new int[] {0});
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void events(ProtocolVersion version) throws Exception {
        InetSocketAddress node = new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 9042);
        for (Event event : List.of(new StatusChange(StatusChange.Status.UP, node),
                new TopologyChange(TopologyChange.Change.NEW_NODE, node),
                SchemaChange.keyspace(SchemaChange.Change.DROPPED, "ks"),
                new SchemaChange(SchemaChange.Change.CREATED, SchemaChange.Target.TYPE, "ks", "address", List.of()))) {
            assertThat(roundTrip(version, new EventResponse(event))).isEqualTo(new EventResponse(event));
        }
        SchemaChange function = new SchemaChange(SchemaChange.Change.CREATED, SchemaChange.Target.FUNCTION, "ks",
                "f", List.of("int", "text"));
        Event decoded = ((EventResponse) roundTrip(version, new EventResponse(function))).event();
        assertThat(decoded).isEqualTo(version == ProtocolVersion.V3
                ? SchemaChange.keyspace(SchemaChange.Change.UPDATED, "ks") : function);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void errorsWithTheirFields(ProtocolVersion version) throws Exception {
        InetAddress replica = InetAddress.getByName("127.0.0.2");
        List<CqlException> errors = List.of(
                new SyntaxException("line 1:0 no viable alternative"),
                new UnavailableException(ConsistencyLevel.QUORUM, 2, 1),
                new WriteTimeoutException("timeout", ConsistencyLevel.ONE, 0, 1, WriteType.CAS, 3),
                new ReadTimeoutException(ConsistencyLevel.ALL, 1, 3, true),
                new ReadFailureException("rf", ConsistencyLevel.ONE, 0, 1, Map.of(replica, 1), false),
                new WriteFailureException("wf", ConsistencyLevel.ONE, 0, 1, Map.of(replica, 2), WriteType.BATCH),
                new FunctionFailureException("ff", "ks", "f", List.of("int")),
                new CasWriteUnknownException("cas", ConsistencyLevel.SERIAL, 1, 2),
                new AlreadyExistsException("ks", "t"),
                new UnpreparedException(new byte[] {1, 2, 3}));
        for (CqlException error : errors) {
            CqlException decoded = ((ErrorResponse) roundTrip(version, new ErrorResponse(error))).error();
            assertThat(decoded.getMessage()).isEqualTo(error.getMessage());
            assertThat(decoded.code()).isEqualTo(expectedCode(error, version));
            if (decoded.code() == error.code()) {
                assertThat(decoded).isInstanceOf(error.getClass());
                assertThat(decoded).usingRecursiveComparison()
                        .ignoringFields("reasonByReplica", "contentions", "stackTrace", "cause", "detailMessage",
                                "suppressedExceptions")
                        .isEqualTo(error);
            }
        }
    }

    private static ErrorCode expectedCode(CqlException error, ProtocolVersion version) {
        return switch (error.code()) {
            case READ_FAILURE -> version == ProtocolVersion.V3 ? ErrorCode.READ_TIMEOUT : ErrorCode.READ_FAILURE;
            case WRITE_FAILURE -> version == ProtocolVersion.V3 ? ErrorCode.WRITE_TIMEOUT : ErrorCode.WRITE_FAILURE;
            case FUNCTION_FAILURE -> version == ProtocolVersion.V3 ? ErrorCode.INVALID : ErrorCode.FUNCTION_FAILURE;
            case CAS_WRITE_UNKNOWN -> version == ProtocolVersion.V5 ? ErrorCode.CAS_WRITE_UNKNOWN
                    : ErrorCode.WRITE_TIMEOUT;
            default -> error.code();
        };
    }

    @Test
    void v5FailureReasonsSurviveAndCasContentionsAreNotSent() throws Exception {
        InetAddress replica = InetAddress.getByName("::1");
        var read = new ReadFailureException("rf", ConsistencyLevel.ONE, 0, 1, Map.of(replica, 7), true);
        assertThat(((ReadFailureException) ((ErrorResponse) roundTrip(ProtocolVersion.V5, new ErrorResponse(read)))
                .error()).reasonByReplica()).containsEntry(replica, 7);
        var cas = new WriteTimeoutException("t", ConsistencyLevel.ONE, 0, 1, WriteType.CAS, 3);
        assertThat(((WriteTimeoutException) ((ErrorResponse) roundTrip(ProtocolVersion.V5, new ErrorResponse(cas)))
                .error()).contentions()).isZero(); // the Java driver 4.x cannot read them
    }

    @Test
    void anyThrowableBecomesAServerError() {
        CqlException error = ErrorResponse.of(new IllegalStateException("boom")).error();
        assertThat(error.code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(error.getMessage()).contains("boom");
    }

    @Test
    void tracingWarningsAndCustomPayloadPrefixTheBody() {
        UUID tracing = UUID.randomUUID();
        ResponseExtras extras = new ResponseExtras(tracing, List.of("Batch too large"),
                Map.of("k", ByteBuffer.wrap(new byte[] {1})));
        Frame frame = ResponseEncoder.encode(ALLOC, ProtocolVersion.V4, 1, VoidResult.INSTANCE, extras,
                TestTypes.CODEC);
        try {
            assertThat(frame.flags()).isEqualTo(FrameFlags.TRACING | FrameFlags.WARNING | FrameFlags.CUSTOM_PAYLOAD);
            InboundResponse decoded = ResponseDecoder.decode(frame, TestTypes.CODEC);
            assertThat(decoded.tracingId()).isEqualTo(tracing);
            assertThat(decoded.warnings()).containsExactly("Batch too large");
            assertThat(decoded.customPayload()).containsKey("k");
            assertThat(decoded.response()).isEqualTo(VoidResult.INSTANCE);
        } finally {
            frame.release();
        }
        // v3 has no warnings: they are dropped, not sent with a flag v3 clients do not know
        Frame v3 = ResponseEncoder.encode(ALLOC, ProtocolVersion.V3, 1, VoidResult.INSTANCE,
                ResponseExtras.warnings(List.of("w")), TestTypes.CODEC);
        try {
            assertThat(v3.flags()).isZero();
        } finally {
            v3.release();
        }
    }

    @Test
    void rowsWriterStreamsRowsAndChecksShape() {
        ByteBuf body = ResponseEncoder.newBody(ALLOC, ProtocolVersion.V4, ResponseExtras.NONE);
        RowsWriter writer = RowsWriter.begin(body, ProtocolVersion.V4, ResultMetadata.of(COLUMNS), TestTypes.CODEC);
        writer.value(ByteBuffer.wrap(new byte[] {0, 0, 0, 9})).nullValue().endRow();
        assertThat(writer.finish()).isEqualTo(1);
        Frame frame = ResponseEncoder.frame(ProtocolVersion.V4, 2, org.charybdis.cql.transport.Opcode.RESULT,
                ResponseExtras.NONE, body);
        try {
            RowsResult decoded = (RowsResult) ResponseDecoder.decode(frame, TestTypes.CODEC).response();
            assertThat(decoded.rows()).hasSize(1);
            assertThat(Arrays.asList(decoded.rows().get(0))).containsExactly(ByteBuffer.wrap(new byte[] {0, 0, 0, 9}),
                    null);
        } finally {
            frame.release();
        }
    }
}
