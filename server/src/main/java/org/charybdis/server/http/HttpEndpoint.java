package org.charybdis.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import org.charybdis.server.tls.TlsPort;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A small HTTP server for operator endpoints (Prometheus, the admin API). It runs on its own event
 * loop, never on a shard, so scraping or admin calls cannot stall query processing.
 */
public final class HttpEndpoint implements AutoCloseable {
    /**
     * A route's answer, with extra response headers (e.g. WWW-Authenticate); with {@code events}, a stream of
     * server-sent events instead of a body.
     */
    public record Reply(int status, String contentType, String body, Map<String, String> headers, ServerSentEvents.Source events) {
        public Reply(int status, String contentType, String body, Map<String, String> headers) { this(status, contentType, body, headers, null); }

        public Reply(int status, String contentType, String body) { this(status, contentType, body, Map.of()); }

        /** A response that stays open and carries what {@code source} sends, as server-sent events. */
        public static Reply events(ServerSentEvents.Source source) {
            return new Reply(200, "text/event-stream; charset=utf-8", "", Map.of("Cache-Control", "no-cache"), source);
        }

        public static Reply json(String body) { return new Reply(200, "application/json", body); }

        public static Reply text(int status, String body) { return new Reply(status, "text/plain; charset=utf-8", body); }
    }

    /**
     * The parts of a request a route needs.
     *
     * @param uri     the path with its query string, as sent
     * @param headers the request headers by lower-case name (the first value of each)
     * @param remote  the client's address, null when unknown
     */
    public record Request(String method, String path, Map<String, java.util.List<String>> parameters, String uri,
                          Map<String, String> headers, InetSocketAddress remote) {
        public Request(String method, String path, Map<String, java.util.List<String>> parameters) {
            this(method, path, parameters, path, Map.of(), null);
        }

        /** A header's value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final Channel channel;

    private HttpEndpoint(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds address:port (0 picks a free port) and serves requests with the handler, which may answer
     * asynchronously; a null reply is a 404.
     */
    public static HttpEndpoint start(EventLoopGroup group, String address, int port,
                                     Function<Request, CompletionStage<Reply>> handler) throws InterruptedException {
        return start(group, address, port, null, handler);
    }

    /** As {@link #start(EventLoopGroup, String, int, Function)}, served over TLS as tls says (null: plain HTTP). */
    public static HttpEndpoint start(EventLoopGroup group, String address, int port, TlsPort tls,
                                     Function<Request, CompletionStage<Reply>> handler) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new RouteHandler(handler));
                        if (tls != null) tls.install(ch);
                    }
                });
        return new HttpEndpoint(bootstrap.bind(address, port).sync().channel());
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class RouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Function<Request, CompletionStage<Reply>> handler;

        RouteHandler(Function<Request, CompletionStage<Reply>> handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            CompletionStage<Reply> reply;
            try {
                reply = handler.apply(new Request(request.method().name(), uri.path(), uri.parameters(), request.uri(),
                        headersOf(request), ctx.channel().remoteAddress() instanceof InetSocketAddress remote ? remote : null));
            } catch (RuntimeException e) {
                reply = CompletableFuture.completedFuture(Reply.text(500, String.valueOf(e.getMessage())));
            }
            reply.whenComplete((r, error) -> {
                Reply answer = error != null ? Reply.text(500, String.valueOf(error.getMessage()))
                        : r == null ? Reply.text(404, "no such endpoint: " + uri.path() + "\n") : r;
                if (answer.events() != null) {
                    stream(ctx, answer);
                    return;
                }
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(answer.status()), Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
                answer.headers().forEach(response.headers()::set);
                HttpUtil.setContentLength(response, response.content().readableBytes());
                HttpUtil.setKeepAlive(response, keepAlive);
                var write = ctx.writeAndFlush(response);
                if (!keepAlive) write.addListener(ChannelFutureListener.CLOSE);
            });
        }

        /** Writes the head of an open-ended (chunked) response, then lets the reply's source send its events. */
        private static void stream(ChannelHandlerContext ctx, Reply answer) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()));
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            answer.headers().forEach(head.headers()::set);
            HttpUtil.setTransferEncodingChunked(head, true);
            ctx.writeAndFlush(head);
            answer.events().open(new ServerSentEvents.ChannelSink(ctx.channel()));
        }

        private static Map<String, String> headersOf(FullHttpRequest request) {
            Map<String, String> headers = new java.util.HashMap<>();
            for (Map.Entry<String, String> header : request.headers()) {
                headers.putIfAbsent(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue());
            }
            return headers;
        }
    }
}
