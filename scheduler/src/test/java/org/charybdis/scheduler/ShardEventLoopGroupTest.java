package org.charybdis.scheduler;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.IoEventLoop;
import org.charybdis.scheduler.ShardRuntimeConfig.IoTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Netty bootstraps run on the shards' loops, and channel callbacks run on shard threads. */
class ShardEventLoopGroupTest {
    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"AUTO", "EPOLL", "NIO"})
    void anEchoServerOnTheShardsAnswersAClientFromAShardThread(IoTransport transport) throws Exception {
        try (ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2).withTransport(transport))) {
            CompletableFuture<String> serverThread = new CompletableFuture<>();
            Channel server = new ServerBootstrap()
                    .group(runtime.eventLoopGroup())
                    .channel(runtime.serverChannelClass())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel child) {
                            child.pipeline().addLast(new Echo(serverThread));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            CompletableFuture<String> reply = new CompletableFuture<>();
            Channel client = new Bootstrap()
                    .group(runtime.shard(1).eventLoop()) // a client pinned to one shard
                    .channel(runtime.socketChannelClass())
                    .handler(new Collect(reply, 5))
                    .connect(server.localAddress()).sync().channel();

            client.writeAndFlush(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));

            assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("hello shard-1");
            assertThat(serverThread.get(5, TimeUnit.SECONDS)).matches("shard-[01] statement");
            assertThat(((InetSocketAddress) server.localAddress()).getPort()).isPositive();
            if (transport == IoTransport.NIO) assertThat(runtime.transportName()).isEqualTo("nio");
            client.close().sync();
            server.close().sync();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"AUTO", "NIO"})
    void theShardAwareGroupServesAConnectionOnTheShardOfItsClientPort(IoTransport transport) throws Exception {
        try (ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(3).withTransport(transport))) {
            Map<Integer, String> serverThreadByClientPort = new ConcurrentHashMap<>();
            Channel server = new ServerBootstrap()
                    .group(runtime.eventLoopGroup(), runtime.shardAwareEventLoopGroup())
                    .channel(runtime.serverChannelClass())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel child) {
                            int clientPort = ((InetSocketAddress) child.remoteAddress()).getPort();
                            serverThreadByClientPort.put(clientPort, Thread.currentThread().getName());
                            child.pipeline().addLast(new Echo(new CompletableFuture<>()));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            for (int connection = 0; connection < 3; connection++) {
                CompletableFuture<String> reply = new CompletableFuture<>();
                Channel client = new Bootstrap()
                        .group(runtime.eventLoopGroup())
                        .channel(runtime.socketChannelClass())
                        .handler(new Collect(reply, 2))
                        .connect(server.localAddress()).sync().channel();
                int clientPort = ((InetSocketAddress) client.localAddress()).getPort();
                client.writeAndFlush(Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII));

                assertThat(reply.get(5, TimeUnit.SECONDS)).startsWith("hi");
                assertThat(serverThreadByClientPort.get(clientPort)).isEqualTo("shard-" + clientPort % 3);
                client.close().sync();
            }
            server.close().sync();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"AUTO", "NIO"})
    void nextRoundRobinsOverEveryShardsLoop(IoTransport transport) {
        try (ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(3).withTransport(transport))) {
            Set<IoEventLoop> seen = new HashSet<>();
            for (int i = 0; i < 3; i++) seen.add(runtime.eventLoopGroup().next());

            assertThat(seen).containsExactlyInAnyOrderElementsOf(runtime.shards().stream().map(Shard::eventLoop).toList());
            assertThat(runtime.eventLoopGroup()).hasSize(3);
            assertThat(runtime.shard(2).eventLoop().parent()).isSameAs(runtime.eventLoopGroup());
        }
    }

    private static final class Echo extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<String> threadSeen;

        Echo(CompletableFuture<String> threadSeen) {
            this.threadSeen = threadSeen;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Shard shard = Shard.current();
            threadSeen.complete(Thread.currentThread().getName() + " " + (shard == null ? "off-shard" : shard.currentGroup().name()));
            ctx.writeAndFlush(msg);
        }
    }

    private static final class Collect extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<String> reply;
        private final StringBuilder received = new StringBuilder();
        private final int expectedLength;

        Collect(CompletableFuture<String> reply, int expectedLength) {
            this.reply = reply;
            this.expectedLength = expectedLength;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            received.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
            if (received.length() >= expectedLength) reply.complete(received + " " + Thread.currentThread().getName());
        }
    }
}
