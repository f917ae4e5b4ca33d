package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * One native protocol frame (a v5 "envelope"): the 9-byte header's fields plus the body. The frame
 * owns its body: reference counting is delegated to it, so releasing the frame releases the body.
 */
public final class Frame implements ReferenceCounted {
    /** Header size of v3+ frames: version, flags, stream (short), opcode, length. */
    public static final int HEADER_SIZE = 9;

    private final ProtocolVersion version;
    private final boolean response;
    private final int flags;
    private final int streamId;
    private final Opcode opcode;
    private final ByteBuf body;

    private Frame(ProtocolVersion version, boolean response, int flags, int streamId, Opcode opcode, ByteBuf body) {
        this.version = version;
        this.response = response;
        this.flags = flags;
        this.streamId = streamId;
        this.opcode = opcode;
        this.body = body;
    }

    public static Frame request(ProtocolVersion version, int flags, int streamId, Opcode opcode, ByteBuf body) {
        return new Frame(version, false, flags, streamId, opcode, body);
    }

    public static Frame response(ProtocolVersion version, int flags, int streamId, Opcode opcode, ByteBuf body) {
        return new Frame(version, true, flags, streamId, opcode, body);
    }

    /** Same header with another body and flags (used when (de)compressing); takes ownership of {@code newBody}. */
    public Frame withBody(int newFlags, ByteBuf newBody) {
        return new Frame(version, response, newFlags, streamId, opcode, newBody);
    }

    public ProtocolVersion version() { return version; }
    public boolean isResponse() { return response; }
    public int flags() { return flags; }
    public boolean hasFlag(int flag) { return (flags & flag) != 0; }
    public int streamId() { return streamId; }
    public Opcode opcode() { return opcode; }
    public ByteBuf body() { return body; }

    @Override public int refCnt() { return body.refCnt(); }
    @Override public Frame retain() { body.retain(); return this; }
    @Override public Frame retain(int increment) { body.retain(increment); return this; }
    @Override public Frame touch() { body.touch(); return this; }
    @Override public Frame touch(Object hint) { body.touch(hint); return this; }
    @Override public boolean release() { return body.release(); }
    @Override public boolean release(int decrement) { return body.release(decrement); }

    @Override
    public String toString() {
        return (response ? "response " : "request ") + opcode + " v" + version.code() + " stream " + streamId
                + " flags 0x" + Integer.toHexString(flags) + " body " + body.readableBytes() + "B";
    }
}
