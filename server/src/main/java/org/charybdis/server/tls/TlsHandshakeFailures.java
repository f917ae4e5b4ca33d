package org.charybdis.server.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;

/**
 * Sits behind the SslHandler. A failed handshake (no client certificate, one from an unknown CA, a client
 * speaking no common protocol) is the client's problem, not a server error: one INFO line per client host,
 * without a stack trace, and the SslHandler's exception stops here instead of reaching the protocol handler.
 */
public final class TlsHandshakeFailures extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TlsHandshakeFailures.class);
    private final String port;
    private final OncePerRemote logged;

    public TlsHandshakeFailures(String port, OncePerRemote logged) {
        this.port = port;
        this.logged = logged;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess() && logged.first(ctx.channel())) {
                log.info("TLS handshake with {} on {} failed: {} (logged once per client host)", ctx.channel().remoteAddress(), port,
                        done.cause().getMessage());
            }
            if (done.isSuccess()) ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                ctx.close();
                return;
            }
        }
        super.exceptionCaught(ctx, cause);
    }
}
