package org.charybdis.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.charybdis.scheduler.Shard;
import org.charybdis.cql.transport.FrameDecoder;
import org.charybdis.cql.transport.ProtocolPipeline;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

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
    /** Open client connections (a closed channel leaves the group by itself). */
    private final ChannelGroup clients = new DefaultChannelGroup("cql-clients", GlobalEventExecutor.INSTANCE);

    /** Builds the handler that serves one accepted connection on the given shard. */
    public interface ConnectionFactory {
        ConnectionHandler create(int shard, Channel channel);
    }

    public CqlServer(ShardRuntime runtime, ServerConfig config, ConnectionFactory connections) throws InterruptedException {
        this.runtime = runtime;
        this.connections = connections;
        String address = config.get(ServerConfig.RPC_ADDRESS);
        int maxFrameBytes = FrameDecoder.maxFrameBytesFromMegabytes(config.get(ServerConfig.NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB));
        this.regular = listen(address, config.get(ServerConfig.NATIVE_TRANSPORT_PORT), maxFrameBytes, runtime.eventLoopGroup());
        int shardAwarePort = config.get(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT);
        this.shardAware = shardAwarePort < 0 ? null
                : listen(address, shardAwarePort, maxFrameBytes, runtime.shardAwareEventLoopGroup());
        log.info("Listening for CQL clients on {}:{} (shard-aware port {})", address, port(), shardAwarePort());
    }

    public int port() {
        return ((InetSocketAddress) regular.localAddress()).getPort();
    }

    /** The bound shard-aware port, or -1 when disabled. */
    public int shardAwarePort() {
        return shardAware == null ? -1 : ((InetSocketAddress) shardAware.localAddress()).getPort();
    }

    private Channel listen(String address, int port, int maxFrameBytes, EventLoopGroup childGroup) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(runtime.shard(0).eventLoop(), childGroup)
                .channel(runtime.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ProtocolPipeline.install(channel.pipeline(), maxFrameBytes);
                        channel.pipeline().addLast("cqlConnection", connections.create(Shard.current().id(), channel));
                        clients.add(channel);
                    }
                });
        return bootstrap.bind(address, port).sync().channel();
    }

    /**
     * Stops serving clients: the listeners close and every client connection is dropped (Cassandra's stopped
     * transports). Blocking: not on an event loop thread.
     */
    public void disconnectClients() {
        close();
        clients.close().awaitUninterruptibly();
    }

    @Override
    public void close() {
        regular.close().syncUninterruptibly();
        if (shardAware != null) shardAware.close().syncUninterruptibly();
    }
}
