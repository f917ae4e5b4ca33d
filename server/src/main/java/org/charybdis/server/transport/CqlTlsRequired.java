package org.charybdis.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.charybdis.cql.transport.ErrorFrames;
import org.charybdis.server.tls.PlainClientOnTlsPort;

/**
 * The answer to a plain-text CQL client on a TLS-only port: a PROTOCOL_ERROR frame on the stream of its first
 * request, in the version it spoke, so cqlsh and the drivers show why they cannot connect.
 */
final class CqlTlsRequired implements PlainClientOnTlsPort.PlainAnswer {
    static final String MESSAGE = "This port requires TLS (client_encryption_options); connect with SSL enabled, e.g. cqlsh --ssl";
    private static final int HIGHEST_VERSION = 5;

    @Override
    public ByteBuf answer(ByteBufAllocator alloc, ByteBuf first) {
        int start = first.readerIndex();
        int versionByte = first.getUnsignedByte(start);
        int version = versionByte & 0x7F;
        // a request header: direction bit clear, a version we could know (v1 to v6)
        if ((versionByte & 0x80) != 0 || version < 1 || version > 6) return null;
        int streamId = version < 3 ? first.getByte(start + 2) : first.getShort(start + 2);
        return ErrorFrames.rawProtocolError(alloc, Math.min(version, HIGHEST_VERSION), streamId, MESSAGE);
    }
}
