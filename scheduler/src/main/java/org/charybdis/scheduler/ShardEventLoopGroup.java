package org.charybdis.scheduler;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All shards' Netty loops seen as one {@link IoEventLoopGroup}, for {@code ServerBootstrap} and {@code Bootstrap}.
 * {@link #next()} round-robins; shutting the group down closes the whole shard runtime. The shard-aware variant
 * registers a connected channel on shard {@code remotePort % shards}, as ScyllaDB's shard-aware port does.
 */
final class ShardEventLoopGroup extends AbstractEventExecutorGroup implements IoEventLoopGroup {
    private final ShardRuntime runtime;
    private final boolean byRemotePort;
    private final AtomicInteger nextIndex = new AtomicInteger();
    private volatile List<IoEventLoop> loops = List.of();

    ShardEventLoopGroup(ShardRuntime runtime, boolean byRemotePort) {
        this.runtime = runtime;
        this.byRemotePort = byRemotePort;
    }

    /** Called once the shards exist (they need this group as their loops' parent first). */
    void setLoops(List<? extends IoEventLoop> shardLoops) {
        this.loops = List.copyOf(shardLoops);
    }

    @Override
    public IoEventLoop next() {
        List<IoEventLoop> current = loops;
        return current.get(Math.floorMod(nextIndex.getAndIncrement(), current.size()));
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return Collections.unmodifiableList(new ArrayList<EventExecutor>(loops)).iterator();
    }

    // Netty marks the group-level register methods deprecated, yet ServerBootstrap still calls them for children.
    @Override
    @Deprecated
    public ChannelFuture register(Channel channel) {
        IoEventLoop loop = loopFor(channel);
        return registerOn(loop, new DefaultChannelPromise(channel, loop));
    }

    @Override
    @Deprecated
    public ChannelFuture register(ChannelPromise promise) {
        return registerOn(loopFor(promise.channel()), promise);
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return registerOn(loopFor(channel), promise);
    }

    private static ChannelFuture registerOn(IoEventLoop loop, ChannelPromise promise) {
        promise.channel().unsafe().register(loop, promise);
        return promise;
    }

    private IoEventLoop loopFor(Channel channel) {
        if (byRemotePort && channel.remoteAddress() instanceof InetSocketAddress remote) {
            List<IoEventLoop> current = loops;
            return current.get(remote.getPort() % current.size());
        }
        return next();
    }

    @Override
    public boolean isShuttingDown() { return runtime.isClosing(); }

    @Override
    public boolean isShutdown() { return runtime.isClosing(); }

    @Override
    public boolean isTerminated() { return runtime.terminationFuture().isDone(); }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return runtime.terminationFuture().await(timeout, unit);
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        runtime.closeAsync();
        return runtime.terminationFuture();
    }

    @Override
    public Future<?> terminationFuture() { return runtime.terminationFuture(); }

    @Override
    @Deprecated
    public void shutdown() { runtime.closeAsync(); }
}
