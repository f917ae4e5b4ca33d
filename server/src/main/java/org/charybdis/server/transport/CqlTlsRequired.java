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
    private static final int FALLBACK_VERSION = 4;

    @Override
    public ByteBuf answer(ByteBufAllocator alloc, ByteBuf first) {
        int start = first.readerIndex();
        int versionByte = first.getUnsignedByte(start);
        int version = versionByte & 0x7F;
        // a request header has the direction bit clear; drivers probe versions we do not speak too (the Java driver
        // starts with DSE_V2, 0x42), and those get the answer in v4, as an unsupported version would
        if ((versionByte & 0x80) != 0 || version == 0) return null;
        int streamId = version < 3 ? first.getByte(start + 2) : first.getShort(start + 2);
        return ErrorFrames.rawProtocolError(alloc, version <= HIGHEST_VERSION ? version : FALLBACK_VERSION, streamId, MESSAGE);
    }
}
