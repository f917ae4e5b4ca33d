package org.charybdis.server.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * First handler of a TLS-only port. A TLS client starts with a handshake record (first byte 0x16): the handler
 * steps aside and the SslHandler behind it gets every byte. A plain-text client would otherwise see the
 * connection drop without a word; it gets an answer in its own protocol (a CQL ERROR frame, an HTTP 400) saying
 * TLS is required, then the connection closes.
 */
public final class PlainClientOnTlsPort extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(PlainClientOnTlsPort.class);
    static final int TLS_HANDSHAKE_RECORD = 0x16;
    /** A TLS record header is 5 bytes, and so is the shortest first message we answer (a CQL header starts so). */
    private static final int SNIFF_BYTES = 5;

    /** Builds the plain-text answer to a client's first bytes, or null when they are not the port's protocol. */
    public interface PlainAnswer {
        ByteBuf answer(ByteBufAllocator alloc, ByteBuf firstBytes);
    }

    private static final long CLOSE_GRACE_MILLIS = 1000;
    private final String port;
    private final PlainAnswer answer;
    private final OncePerRemote warned;
    private boolean answered;

    /** @param port what the port is, for the log: "CQL port 9142" */
    public PlainClientOnTlsPort(String port, PlainAnswer answer, OncePerRemote warned) {
        this.port = port;
        this.answer = answer;
        this.warned = warned;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (answered) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!in.isReadable()) return;
        if (in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE_RECORD) {
            ctx.pipeline().remove(this); // the bytes gathered so far go on to the SslHandler
            return;
        }
        if (in.readableBytes() < SNIFF_BYTES) return;
        if (warned.first(ctx.channel())) {
            log.warn("A plain-text client from {} connected to the TLS-only {}; it was told to use TLS and disconnected "
                    + "(logged once per client host)", ctx.channel().remoteAddress(), port);
        }
        ByteBuf reply = answer.answer(ctx.alloc(), in);
        in.skipBytes(in.readableBytes());
        answered = true;
        if (reply == null) {
            ctx.close();
            return;
        }
        // Closing at once could reset the connection over bytes the client sent meanwhile, and a reset can discard
        // the answer before the client reads it; the client closes on the error, else we do after a grace period.
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        ctx.executor().schedule(() -> { ctx.close(); }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
}
