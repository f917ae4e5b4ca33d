package org.charybdis.scheduler;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.charybdis.scheduler.ShardRuntimeConfig.IoTransport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Transport choice: best available first, always ending with NIO as the last resort. */
class NettyTransportTest {
    @Test
    void autoPrefersIoUringThenEpollThenNio() {
        var candidates = NettyTransport.candidates(IoTransport.AUTO);

        assertThat(candidates.getLast()).isEqualTo(NettyTransport.NIO);
        assertThat(candidates.contains(NettyTransport.IO_URING)).isEqualTo(IoUring.isAvailable());
        assertThat(candidates.contains(NettyTransport.EPOLL)).isEqualTo(Epoll.isAvailable());
        if (IoUring.isAvailable()) assertThat(candidates.getFirst()).isEqualTo(NettyTransport.IO_URING);
    }

    @Test
    void anExplicitChoiceFallsBackOnlyToSimplerTransports() {
        assertThat(NettyTransport.candidates(IoTransport.NIO)).containsExactly(NettyTransport.NIO);
        assertThat(NettyTransport.candidates(IoTransport.EPOLL)).doesNotContain(NettyTransport.IO_URING)
                .endsWith(NettyTransport.NIO);
        assertThat(NettyTransport.candidates(IoTransport.IO_URING)).endsWith(NettyTransport.NIO);
    }

    @Test
    void channelClassesMatchTheirTransport() {
        assertThat(NettyTransport.EPOLL.serverChannelClass().getSimpleName()).isEqualTo("EpollServerSocketChannel");
        assertThat(NettyTransport.IO_URING.socketChannelClass().getSimpleName()).isEqualTo("IoUringSocketChannel");
        assertThat(NettyTransport.NIO.socketChannelClass().getSimpleName()).isEqualTo("NioSocketChannel");
    }
}
