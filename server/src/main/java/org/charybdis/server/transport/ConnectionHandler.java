package org.charybdis.server.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.charybdis.cql.exceptions.AuthenticationException;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.messages.AuthResponseRequest;
import org.charybdis.cql.messages.AuthSuccessResponse;
import org.charybdis.cql.messages.AuthenticateResponse;
import org.charybdis.cql.messages.BatchRequest;
import org.charybdis.cql.messages.ColumnTypeCodec;
import org.charybdis.cql.messages.ErrorResponse;
import org.charybdis.cql.messages.ExecuteRequest;
import org.charybdis.cql.messages.InboundRequest;
import org.charybdis.cql.messages.OptionsRequest;
import org.charybdis.cql.messages.PrepareRequest;
import org.charybdis.cql.messages.QueryRequest;
import org.charybdis.cql.messages.ReadyResponse;
import org.charybdis.cql.messages.RegisterRequest;
import org.charybdis.cql.messages.Request;
import org.charybdis.cql.messages.RequestDecoder;
import org.charybdis.cql.messages.Response;
import org.charybdis.cql.messages.ResponseEncoder;
import org.charybdis.cql.messages.ResponseExtras;
import org.charybdis.server.service.ClientWarnings;
import org.charybdis.cql.messages.StartupRequest;
import org.charybdis.cql.messages.SupportedResponse;
import org.charybdis.cql.transport.Compression;
import org.charybdis.cql.transport.Frame;
import org.charybdis.cql.transport.FrameDecodingException;
import org.charybdis.cql.transport.ProtocolPipeline;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.RequestTiming;
import org.charybdis.server.metrics.ServerMetrics.ShardTransportMetrics;
import org.charybdis.server.tracing.Tracing;
import org.charybdis.storage.engine.RequestTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * One client connection, on its shard's thread: the STARTUP / AUTHENTICATE handshake, OPTIONS,
 * REGISTER, and handing statements to the query processor in the connection's scheduling group.
 * Requests are answered as they complete (out of order across stream ids, as the protocol allows).
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final int shard;
    private final ConnectionServices services;
    private final ShardTransportMetrics metrics;
    private final RequestAdmission admission;
    private ChannelHandlerContext ctx;
    /** Requests of this connection waiting for admission; while there are any, the socket is not read. */
    private int waitingForAdmission;
    private ClientState client;
    private boolean ready;
    private boolean awaitingCredentials;
    /** This connection's count among its driver's connections, once STARTUP named the driver. */
    private java.util.concurrent.atomic.AtomicInteger driverConnections;

    public ConnectionHandler(int shard, ConnectionServices services) {
        this.shard = shard;
        this.services = services;
        this.metrics = services.metrics().transport(shard);
        this.admission = services.admission(shard);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        metrics.connectionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        metrics.connectionClosed();
        if (driverConnections != null) driverConnections.decrementAndGet();
        services.events().unregister(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long start = System.nanoTime();
        int streamId = frame.streamId();
        ProtocolVersion version = frame.version();
        int opcode = frame.opcode().code();
        long size = frame.body().readableBytes();
        InboundRequest inbound;
        try {
            inbound = RequestDecoder.decode(frame);
        } catch (RuntimeException e) {
            respond(version, streamId, opcode, start, ErrorResponse.of(e));
            return;
        } finally {
            frame.release();
        }
        Request request = inbound.request();
        try {
            switch (request) {
                case OptionsRequest ignored -> respond(version, streamId, opcode, start, supported());
                case StartupRequest startup -> startup(version, streamId, opcode, start, startup);
                case AuthResponseRequest auth -> authenticate(version, streamId, opcode, start, auth);
                default -> {
                    requireReady(request);
                    admit(version, streamId, opcode, start, request, size, inbound.tracingRequested());
                }
            }
        } catch (RuntimeException e) {
            respond(version, streamId, opcode, start, ErrorResponse.of(e));
        }
    }

    /**
     * Runs the request in the client's scheduling group once the shard admits it; until then the connection stops
     * reading, so a client sending faster than the shard answers is held back by TCP rather than by memory.
     */
    private void admit(ProtocolVersion version, int streamId, int opcode, long start, Request request, long size, boolean traced) {
        SchedulingGroup group = services.schedulingGroupFor(client);
        Runnable run = () -> Shard.current().execute(group, () -> process(version, streamId, opcode, start, request, size, group, traced));
        RequestAdmission.Pending pending = new RequestAdmission.Pending() {
            @Override
            public void admit() {
                resumeIfAdmitted();
                run.run();
            }

            @Override
            public void shed(org.charybdis.cql.exceptions.OverloadedException error) {
                resumeIfAdmitted();
                respond(version, streamId, opcode, start, ErrorResponse.of(error));
            }
        };
        if (admission.admitOrQueue(pending, size, services.admissionTimeoutNanos(client))) {
            run.run();
        } else if (waitingForAdmission++ == 0) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resumeIfAdmitted() {
        if (--waitingForAdmission == 0 && ctx.channel().isActive()) ctx.channel().config().setAutoRead(true);
    }

    private void process(ProtocolVersion version, int streamId, int opcode, long start, Request request, long admittedBytes,
                         SchedulingGroup group, boolean traced) {
        CompletionStage<? extends Response> answer;
        RequestTiming timing = services.timingFor(client, start);
        RequestTrace trace = services.tracing().begin(request, client, start, traced);
        ClientWarnings warnings = new ClientWarnings();
        try {
            answer = switch (request) {
                case QueryRequest query -> services.processor().query(query, client, timing, trace, warnings);
                case PrepareRequest prepare -> services.processor().prepare(prepare, client, trace);
                case ExecuteRequest execute -> services.processor().execute(execute, client, timing, trace, warnings);
                case BatchRequest batch -> services.processor().batch(batch, client, timing, trace, warnings);
                case RegisterRequest register -> {
                    services.events().register(ctx.channel(), version, register.eventTypes());
                    yield CompletableFuture.completedFuture(ReadyResponse.INSTANCE);
                }
                default -> throw new ProtocolException("Unexpected message " + request.opcode());
            };
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> {
            respond(version, streamId, opcode, start, error != null ? errorResponse(request, unwrap(error)) : response, admittedBytes, request, trace,
                    warnings);
            services.metrics().serviceLevels().request(shard, group, System.nanoTime() - start); // per service level
        });
    }

    /**
     * The ERROR answering a failed request. A CQL error is the client's to read; anything else is a bug or a broken
     * environment, so it is logged here, once, with its stack trace, and answered as a SERVER_ERROR.
     */
    private ErrorResponse errorResponse(Request request, Throwable error) {
        if (!(error instanceof org.charybdis.cql.exceptions.CqlException)) {
            log.error("Unexpected error while serving {} from {}", describe(request), ctx.channel().remoteAddress(), error);
        }
        return ErrorResponse.of(error);
    }

    private static String describe(Request request) {
        String text = request instanceof QueryRequest query ? request.opcode() + " " + query.query() : String.valueOf(request.opcode());
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private void startup(ProtocolVersion version, int streamId, int opcode, long start, StartupRequest startup) {
        if (client != null) throw new ProtocolException("Unexpected message STARTUP, the connection is already started");
        String cqlVersion = startup.options().get(StartupRequest.CQL_VERSION);
        if (cqlVersion == null) throw new ProtocolException("Missing value CQL_VERSION in STARTUP message");
        if (!cqlVersion.startsWith("3.")) {
            throw new ProtocolException("Invalid or unsupported CQL version " + cqlVersion + "; supported: 3.x");
        }
        Compression compression = Compression.fromStartupOption(startup.options().get(StartupRequest.COMPRESSION), version);
        driverConnections = metrics.driverConnected(startup.options().get(StartupRequest.DRIVER_NAME));
        boolean login = services.authenticator().requireAuthentication();
        client = new ClientState(version, shard, login ? null : ClientState.AuthenticatedUser.ANONYMOUS);
        if (ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress remote) client.setSource(remote.getAddress());
        Response answer = login ? new AuthenticateResponse(services.authenticator().className()) : ReadyResponse.INSTANCE;
        awaitingCredentials = login;
        ready = !login;
        respond(version, streamId, opcode, start, answer);
        // the answer above still goes out in the old framing; everything after uses the new one
        if (version.isAtLeast(ProtocolVersion.V5)) {
            ProtocolPipeline.upgradeToV5(ctx.pipeline(), compression);
        } else if (compression != Compression.NONE) {
            ProtocolPipeline.enableCompression(ctx.pipeline(), compression);
        }
    }

    private void authenticate(ProtocolVersion version, int streamId, int opcode, long start, AuthResponseRequest auth) {
        if (!awaitingCredentials) throw new ProtocolException("Unexpected message AUTH_RESPONSE, no authentication is in progress");
        String[] credentials = saslPlain(auth.token());
        services.authenticator().authenticate(credentials[0], credentials[1]).whenComplete((user, error) -> {
            services.processor().auditLog().login(credentials[0], client.source(), error != null); // AUTH, refused ones too
            if (error != null) {
                respond(version, streamId, opcode, start, ErrorResponse.of(unwrap(error)));
                return;
            }
            client.login(user);
            awaitingCredentials = false;
            ready = true;
            respond(version, streamId, opcode, start, new AuthSuccessResponse(null));
        });
    }

    /** SASL PLAIN: [authzid] NUL authcid NUL password. */
    private static String[] saslPlain(byte[] token) {
        if (token == null) throw new AuthenticationException("Authentication failed: empty SASL token");
        int second = -1, first = -1;
        for (int i = token.length - 1; i >= 0; i--) {
            if (token[i] == 0) {
                if (second < 0) second = i;
                else { first = i; break; }
            }
        }
        if (second < 0) throw new AuthenticationException("Authentication failed: malformed SASL PLAIN token");
        String user = new String(token, first + 1, second - first - 1, StandardCharsets.UTF_8);
        String password = new String(token, second + 1, token.length - second - 1, StandardCharsets.UTF_8);
        return new String[] {user, password};
    }

    private void requireReady(Request request) {
        if (client == null) {
            throw new ProtocolException("Unexpected message " + request.opcode() + ", expecting STARTUP or OPTIONS");
        }
        if (!ready) {
            throw new ProtocolException("Unexpected message " + request.opcode() + ", expecting AUTH_RESPONSE");
        }
    }

    private SupportedResponse supported() {
        return services.supportedOptions(shard);
    }

    private void respond(ProtocolVersion version, int streamId, int opcode, long start, Response response) {
        respond(version, streamId, opcode, start, response, -1, null, RequestTrace.NONE, ClientWarnings.NONE);
    }

    /**
     * Answers on the connection's shard thread; an admitted request ({@code admittedBytes} >= 0) gives back its room,
     * a traced one tells its session id, and the {@code warnings} gathered serving it go along; then a statement's
     * {@code request} (null for the others) has its session or slow query record written.
     */
    private void respond(ProtocolVersion version, int streamId, int opcode, long start, Response response, long admittedBytes,
                         Request request, RequestTrace trace, ClientWarnings warnings) {
        if (ctx.executor().inEventLoop()) {
            finish(version, streamId, opcode, start, response, admittedBytes, request, trace, warnings);
        } else {
            ctx.executor().execute(() -> finish(version, streamId, opcode, start, response, admittedBytes, request, trace, warnings));
        }
    }

    private void finish(ProtocolVersion version, int streamId, int opcode, long start, Response response, long admittedBytes,
                        Request request, RequestTrace trace, ClientWarnings warnings) {
        if (admittedBytes >= 0) admission.release(admittedBytes);
        metrics.request(opcode, System.nanoTime() - start, response instanceof ErrorResponse);
        if (ctx.channel().isActive()) write(version, streamId, response, trace, warnings);
        if (request != null) services.tracing().complete(trace, request, client, start);
    }

    private void write(ProtocolVersion version, int streamId, Response response, RequestTrace trace, ClientWarnings warnings) {
        try {
            UUID session = Tracing.responseTracingId(trace);
            List<String> warned = warnings.list();
            ResponseExtras extras = session == null && warned == null ? ResponseExtras.NONE : new ResponseExtras(session, warned, null);
            Frame frame = ResponseEncoder.encode(ctx.alloc(), version, streamId, response, extras, ColumnTypeCodec.NATIVE);
            if (trace.enabled()) trace.event("Sending a response of " + frame.body().readableBytes() + " bytes");
            ctx.writeAndFlush(frame);
        } catch (RuntimeException e) {
            log.warn("Could not encode a {} response", response.opcode(), e);
            ctx.writeAndFlush(ResponseEncoder.encode(ctx.alloc(), version, streamId, ErrorResponse.of(e)));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof FrameDecodingException bad) {
            var write = ctx.writeAndFlush(bad.toErrorFrame(ctx.alloc()));
            if (bad.isFatal()) write.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (cause instanceof java.io.IOException) {
            log.debug("Connection {} closed: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            log.warn("Unexpected error on connection {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof java.util.concurrent.CompletionException || error instanceof java.util.concurrent.ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
