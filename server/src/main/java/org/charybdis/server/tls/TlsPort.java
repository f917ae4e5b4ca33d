package org.charybdis.server.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.OptionalSslHandler;

/**
 * What one listening port does about TLS, and the handlers that do it, installed at the front of each new
 * connection's pipeline (before the protocol's codecs):
 * <ul>
 *   <li>{@link Mode#PLAIN}: plain text; a TLS client is refused clearly when a {@code tlsHint} is given;</li>
 *   <li>{@link Mode#TLS}: TLS only; a plain client is told so in its protocol ({@link PlainClientOnTlsPort});</li>
 *   <li>{@link Mode#OPTIONAL}: either, told apart by the first bytes (Cassandra's {@code optional: true}).</li>
 * </ul>
 * Each connection takes the SSL context current when it is accepted, so a reload reaches new connections only.
 */
public final class TlsPort {
    public enum Mode { PLAIN, TLS, OPTIONAL }

    private final Mode mode;
    private final String name;
    private final ReloadingSslContext context;
    private final PlainClientOnTlsPort.PlainAnswer plainAnswer;
    private final String tlsHint;
    private final OncePerRemote warned = new OncePerRemote();

    private TlsPort(Mode mode, String name, ReloadingSslContext context, PlainClientOnTlsPort.PlainAnswer plainAnswer, String tlsHint) {
        this.mode = mode;
        this.name = name;
        this.context = context;
        this.plainAnswer = plainAnswer;
        this.tlsHint = tlsHint;
    }

    /** A plain port; with a tlsHint (where TLS is served), TLS clients are refused with a warning naming it. */
    public static TlsPort plain(String name, String tlsHint) {
        return new TlsPort(Mode.PLAIN, name, null, null, tlsHint);
    }

    /** A TLS port (optional: plain clients served too); plainAnswer tells a plain client on a TLS-only port to use TLS. */
    public static TlsPort tls(String name, ReloadingSslContext context, boolean optional, PlainClientOnTlsPort.PlainAnswer plainAnswer) {
        return new TlsPort(optional ? Mode.OPTIONAL : Mode.TLS, name, context, plainAnswer, null);
    }

    public Mode mode() {
        return mode;
    }

    /** Adds this port's handlers at the front of a new connection's pipeline. */
    public void install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        switch (mode) {
            case PLAIN -> {
                if (tlsHint != null) pipeline.addFirst("tlsClientOnPlainPort", new TlsClientOnPlainPort(name, tlsHint, warned));
            }
            case TLS -> {
                pipeline.addFirst("tlsHandshakeFailures", new TlsHandshakeFailures(name, warned));
                pipeline.addFirst("ssl", context.current().newHandler(channel.alloc()));
                pipeline.addFirst("plainClientOnTlsPort", new PlainClientOnTlsPort(name, plainAnswer, warned));
            }
            case OPTIONAL -> {
                pipeline.addFirst("tlsHandshakeFailures", new TlsHandshakeFailures(name, warned));
                pipeline.addFirst("optionalSsl", new OptionalSslHandler(context.current()));
            }
        }
    }
}
