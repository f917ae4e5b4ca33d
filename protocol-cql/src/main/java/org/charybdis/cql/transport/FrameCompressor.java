package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.charybdis.cql.exceptions.ProtocolException;

/**
 * Per-frame body compression of protocol v3/v4. Neither method releases its input; both return a
 * new buffer the caller owns.
 */
public interface FrameCompressor {
    ByteBuf compress(ByteBufAllocator alloc, ByteBuf body);

    /** @throws ProtocolException when the body is corrupt or would inflate beyond {@code maxLength} bytes */
    ByteBuf decompress(ByteBufAllocator alloc, ByteBuf body, int maxLength);
}
