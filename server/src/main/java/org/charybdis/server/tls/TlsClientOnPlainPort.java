package org.charybdis.server.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * First handler of a plain port when TLS is served elsewhere (or not at all): a client that starts a TLS
 * handshake here would otherwise get protocol errors for bytes it never meant as frames. It gets a TLS
 * handshake_failure alert, which its TLS library reports as a failed handshake, and the server logs one warning
 * per client host. A plain client passes: the handler leaves the pipeline at its first byte.
 */
public final class TlsClientOnPlainPort extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(TlsClientOnPlainPort.class);
    /** A fatal handshake_failure alert record (TLS 1.0 record version, which every TLS client accepts here). */
    private static final byte[] HANDSHAKE_FAILURE_ALERT = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28};

    private final String port;
    private final String hint;
    private final OncePerRemote warned;

    /** @param hint where TLS is served, for the log, e.g. "TLS is on port 9142" */
    public TlsClientOnPlainPort(String port, String hint, OncePerRemote warned) {
        this.port = port;
        this.hint = hint;
        this.warned = warned;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) return;
        if (in.getUnsignedByte(in.readerIndex()) != PlainClientOnTlsPort.TLS_HANDSHAKE_RECORD) {
            ctx.pipeline().remove(this);
            return;
        }
        if (warned.first(ctx.channel())) {
            log.warn("A TLS client from {} connected to the plain-text {} and was refused; {} (logged once per client host)",
                    ctx.channel().remoteAddress(), port, hint);
        }
        in.skipBytes(in.readableBytes());
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(ctx.alloc().buffer(HANDSHAKE_FAILURE_ALERT.length).writeBytes(HANDSHAKE_FAILURE_ALERT))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
