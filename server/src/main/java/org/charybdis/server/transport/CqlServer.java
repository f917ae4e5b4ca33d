package org.charybdis.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import org.charybdis.cql.transport.FrameDecoder;
import org.charybdis.cql.transport.ProtocolPipeline;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * The CQL listeners. On the regular port connections are spread over the shards round-robin; on the
 * shard-aware port a connection goes to shard {@code client_port % smp}, which ScyllaDB's drivers use
 * to open one connection to each shard. Either way the connection then lives on its shard's thread.
 */
public final class CqlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CqlServer.class);

    private final ShardRuntime runtime;
    private final ConnectionFactory connections;
    private final Channel regular;
    private final Channel shardAware;

    /** Builds the handler that serves one accepted connection on the given shard. */
    public interface ConnectionFactory {
        ConnectionHandler create(int shard, Channel channel);
    }

    public CqlServer(ShardRuntime runtime, ServerConfig config, ConnectionFactory connections) throws InterruptedException {
        this.runtime = runtime;
        this.connections = connections;
        String address = config.get(ServerConfig.RPC_ADDRESS);
        int maxFrameBytes = FrameDecoder.maxFrameBytesFromMegabytes(config.get(ServerConfig.NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB));
        AtomicInteger next = new AtomicInteger();
        int shards = runtime.shardCount();
        this.regular = listen(address, config.get(ServerConfig.NATIVE_TRANSPORT_PORT), maxFrameBytes,
                remotePort -> Math.floorMod(next.getAndIncrement(), shards));
        int shardAwarePort = config.get(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT);
        this.shardAware = shardAwarePort < 0 ? null
                : listen(address, shardAwarePort, maxFrameBytes, remotePort -> remotePort % shards);
        log.info("Listening for CQL clients on {}:{} (shard-aware port {})", address, port(), shardAwarePort());
    }

    public int port() {
        return ((InetSocketAddress) regular.localAddress()).getPort();
    }

    /** The bound shard-aware port, or -1 when disabled. */
    public int shardAwarePort() {
        return shardAware == null ? -1 : ((InetSocketAddress) shardAware.localAddress()).getPort();
    }

    private Channel listen(String address, int port, int maxFrameBytes, IntUnaryOperator shardForPort) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(runtime.shard(0).eventLoop(), runtime.eventLoopGroup())
                .channel(runtime.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new ShardAssigner(shardForPort, maxFrameBytes))
                // never reached: ShardAssigner registers every accepted channel itself
                .childHandler(new ChannelInboundHandlerAdapter());
        return bootstrap.bind(address, port).sync().channel();
    }

    /** Sits before ServerBootstrap's own acceptor and registers each new connection on its shard. */
    private final class ShardAssigner extends ChannelInboundHandlerAdapter {
        private final IntUnaryOperator shardForPort;
        private final int maxFrameBytes;

        ShardAssigner(IntUnaryOperator shardForPort, int maxFrameBytes) {
            this.shardForPort = shardForPort;
            this.maxFrameBytes = maxFrameBytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof SocketChannel child)) {
                ctx.fireChannelRead(msg);
                return;
            }
            int shard = shardForPort.applyAsInt(child.remoteAddress().getPort());
            child.config().setOption(ChannelOption.TCP_NODELAY, true);
            child.pipeline().addLast(new io.netty.channel.ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ProtocolPipeline.install(ch.pipeline(), maxFrameBytes);
                    ch.pipeline().addLast("cqlConnection", connections.create(shard, ch));
                }
            });
            runtime.shard(shard).eventLoop().register(child).addListener(f -> {
                if (!f.isSuccess()) {
                    log.warn("Could not register a connection on shard {}", shard, f.cause());
                    child.unsafe().closeForcibly();
                }
            });
        }
    }

    @Override
    public void close() {
        regular.close().syncUninterruptibly();
        if (shardAware != null) shardAware.close().syncUninterruptibly();
    }
}
