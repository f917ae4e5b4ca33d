package org.charybdis.cql.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;

/** Collects what reaches the end of a test pipeline: messages and decoding errors, in order. */
@io.netty.channel.ChannelHandler.Sharable
final class Recorder extends ChannelInboundHandlerAdapter {
    final List<Object> events = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        events.add(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        events.add(cause);
    }

    List<Frame> frames() {
        return events.stream().filter(Frame.class::isInstance).map(Frame.class::cast).toList();
    }

    List<FrameDecodingException> errors() {
        return events.stream().filter(FrameDecodingException.class::isInstance)
                .map(FrameDecodingException.class::cast).toList();
    }

    void releaseAll() {
        frames().forEach(Frame::release);
    }
}
