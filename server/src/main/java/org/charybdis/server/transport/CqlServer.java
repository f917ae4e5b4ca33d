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
import org.charybdis.server.tls.ReloadingSslContext;
import org.charybdis.server.tls.TlsPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The CQL listeners. On the regular port connections are spread over the shards round-robin; on the
 * shard-aware port a connection goes to shard {@code client_port % smp}, which ScyllaDB's drivers use
 * to open one connection to each shard. Either way the connection then lives on its shard's thread.
 * With client TLS on, each port speaks TLS (or either, {@code optional}) unless a TLS-only twin
 * ({@code native_transport_port_ssl}, {@code native_shard_aware_transport_port_ssl}) is set beside it: see {@link TlsPort}.
 */
public final class CqlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CqlServer.class);

    private final ShardRuntime runtime;
    private final ConnectionFactory connections;
    private final int maxFrameBytes;
    private final Channel regular;
    private final Channel shardAware;
    /** TLS-only listeners beside the plain ones (native_transport_port_ssl and its shard-aware twin), or null. */
    private final Channel regularSsl;
    private final Channel shardAwareSsl;
    private final boolean shardAwareIsTls;
    /** Open client connections (a closed channel leaves the group by itself). */
    private final ChannelGroup clients = new DefaultChannelGroup("cql-clients", GlobalEventExecutor.INSTANCE);

    /** Builds the handler that serves one accepted connection on the given shard. */
    public interface ConnectionFactory {
        ConnectionHandler create(int shard, Channel channel);
    }

    /**
     * @param tls the client_encryption_options context, or null when client TLS is off. With TLS on, a port whose
     *            {@code _ssl} twin is set stays plain (as in Cassandra and ScyllaDB); otherwise it speaks TLS (or
     *            both, with {@code optional: true}).
     */
    public CqlServer(ShardRuntime runtime, ServerConfig config, ConnectionFactory connections, ReloadingSslContext tls)
            throws InterruptedException {
        this.runtime = runtime;
        this.connections = connections;
        String address = config.get(ServerConfig.RPC_ADDRESS);
        this.maxFrameBytes = FrameDecoder.maxFrameBytesFromMegabytes(config.get(ServerConfig.NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB));
        boolean optional = tls != null && config.encryption(ServerConfig.CLIENT_ENCRYPTION_OPTIONS).optional();
        int port = config.get(ServerConfig.NATIVE_TRANSPORT_PORT);
        int sslPort = tls == null ? -1 : config.get(ServerConfig.NATIVE_TRANSPORT_PORT_SSL);
        int shardAwarePort = config.get(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT);
        int shardAwareSslPort = tls == null ? -1 : config.get(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT_SSL);
        if (tls == null && (config.get(ServerConfig.NATIVE_TRANSPORT_PORT_SSL) >= 0 || config.get(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT_SSL) >= 0)) {
            log.warn("native_transport_port_ssl / native_shard_aware_transport_port_ssl are ignored: client_encryption_options is not enabled");
        }
        this.regularSsl = sslPort < 0 ? null : listen(address, sslPort, runtime.eventLoopGroup(),
                TlsPort.tls("TLS CQL port " + sslPort, tls, false, new CqlTlsRequired()));
        this.regular = listen(address, port, runtime.eventLoopGroup(), portSecurity("CQL port " + port, tls, optional, regularSsl));
        this.shardAwareSsl = shardAwareSslPort < 0 ? null : listen(address, shardAwareSslPort, runtime.shardAwareEventLoopGroup(),
                TlsPort.tls("TLS shard-aware CQL port " + shardAwareSslPort, tls, false, new CqlTlsRequired()));
        this.shardAwareIsTls = tls != null && shardAwareSsl == null;
        this.shardAware = shardAwarePort < 0 ? null : listen(address, shardAwarePort, runtime.shardAwareEventLoopGroup(),
                portSecurity("shard-aware CQL port " + shardAwarePort, tls, optional, shardAwareSsl));
        log.info("Listening for CQL clients on {}:{} (shard-aware port {}){}", address, port(), shardAwarePort(),
                tls == null ? "" : regularSsl != null ? ", TLS on port " + sslPort() + " (shard-aware " + shardAwareTlsPort() + ")"
                        : optional ? ", TLS optional" : ", TLS only");
    }

    /** A plain-or-TLS port: TLS when client TLS is on and no TLS-only twin is set; the twin's port is the hint. */
    private static TlsPort portSecurity(String name, ReloadingSslContext tls, boolean optional, Channel sslTwin) {
        if (tls == null) return TlsPort.plain(name, null);
        if (sslTwin != null) return TlsPort.plain(name, "TLS is served on port " + boundPort(sslTwin));
        return TlsPort.tls(name, tls, optional, new CqlTlsRequired());
    }

    public int port() {
        return boundPort(regular);
    }

    /** The bound shard-aware port, or -1 when disabled. */
    public int shardAwarePort() {
        return boundPort(shardAware);
    }

    /** The TLS-only port beside the plain one (native_transport_port_ssl), or -1. */
    public int sslPort() {
        return boundPort(regularSsl);
    }

    /** The shard-aware port that speaks TLS (its own TLS port, or the shard-aware port when TLS is on there), or -1. */
    public int shardAwareTlsPort() {
        return shardAwareSsl != null ? boundPort(shardAwareSsl) : shardAwareIsTls ? shardAwarePort() : -1;
    }

    private static int boundPort(Channel listener) {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private Channel listen(String address, int port, EventLoopGroup childGroup, TlsPort security) throws InterruptedException {
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
                        security.install(channel);
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
        for (Channel listener : new Channel[] {regular, shardAware, regularSsl, shardAwareSsl}) {
            if (listener != null) listener.close().syncUninterruptibly();
        }
    }
}
