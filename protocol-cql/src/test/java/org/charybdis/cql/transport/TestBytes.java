package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

final class TestBytes {
    private TestBytes() {}

    /** A raw request frame with a v3+ header. */
    static ByteBuf request(int version, int flags, int stream, int opcode, byte[] body) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(version).writeByte(flags).writeShort(stream).writeByte(opcode).writeInt(body.length);
        return buf.writeBytes(body);
    }

    /** Everything the channel wrote, as one buffer. */
    static ByteBuf drainOutbound(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = channel.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }
}
