package org.charybdis.scheduler;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import org.charybdis.scheduler.ShardRuntimeConfig.IoTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A Netty IO transport: how to make the reactors' IO handlers and which channel classes go with them. */
record NettyTransport(String name,
                      Supplier<IoHandlerFactory> handlerFactory,
                      Class<? extends ServerChannel> serverChannelClass,
                      Class<? extends SocketChannel> socketChannelClass) {
    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);

    static final NettyTransport IO_URING = new NettyTransport("io_uring", IoUringIoHandler::newFactory,
            IoUringServerSocketChannel.class, IoUringSocketChannel.class);
    static final NettyTransport EPOLL = new NettyTransport("epoll", EpollIoHandler::newFactory,
            EpollServerSocketChannel.class, EpollSocketChannel.class);
    static final NettyTransport NIO = new NettyTransport("nio", NioIoHandler::newFactory,
            NioServerSocketChannel.class, NioSocketChannel.class);

    /** The transports to try, best first: the requested one, then each simpler one down to NIO. */
    static List<NettyTransport> candidates(IoTransport requested) {
        List<NettyTransport> result = new ArrayList<>(3);
        if (requested == IoTransport.AUTO || requested == IoTransport.IO_URING) {
            if (IoUring.isAvailable()) result.add(IO_URING);
            else logUnavailable(requested == IoTransport.IO_URING, "io_uring", IoUring.unavailabilityCause());
        }
        if (requested != IoTransport.NIO) {
            if (Epoll.isAvailable()) result.add(EPOLL);
            else logUnavailable(requested != IoTransport.AUTO, "epoll", Epoll.unavailabilityCause());
        }
        result.add(NIO);
        return result;
    }

    private static void logUnavailable(boolean requestedExplicitly, String name, Throwable cause) {
        if (requestedExplicitly) LOG.warn("IO transport {} is unavailable, falling back: {}", name, String.valueOf(cause));
        else LOG.debug("IO transport {} is unavailable: {}", name, String.valueOf(cause));
    }
}
