package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import org.charybdis.cql.exceptions.ErrorCode;

/** ERROR frames the transport itself must produce, before or without the message layer. */
public final class ErrorFrames {
    private static final int MAX_STRING_BYTES = 0xFFFF;

    private ErrorFrames() {}

    static Frame protocolError(ByteBufAllocator alloc, ProtocolVersion version, int streamId, String message) {
        return error(alloc, version, streamId, ErrorCode.PROTOCOL_ERROR, message);
    }

    /** An ERROR frame with a code whose body is the code and message alone (protocol, invalid request, ...). */
    static Frame error(ByteBufAllocator alloc, ProtocolVersion version, int streamId, ErrorCode code, String message) {
        ByteBuf body = alloc.buffer();
        writeErrorBody(body, code.code(), message);
        return Frame.response(version, 0, streamId, Opcode.ERROR, body);
    }

    /**
     * A complete ERROR frame for a client that spoke an unsupported version, in the version it can read:
     * v1/v2 headers are 8 bytes with a one-byte stream id, later ones 9 bytes.
     */
    static ByteBuf unsupportedVersion(ByteBufAllocator alloc, int responseVersionCode, int streamId, String message) {
        ByteBuf out = alloc.buffer();
        boolean shortHeader = responseVersionCode < 3;
        out.writeByte(0x80 | responseVersionCode);
        out.writeByte(0);
        if (shortHeader) {
            out.writeByte(streamId);
        } else {
            out.writeShort(streamId);
        }
        out.writeByte(Opcode.ERROR.code());
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        writeErrorBody(out, ErrorCode.PROTOCOL_ERROR.code(), message);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
        return out;
    }

    /**
     * A complete PROTOCOL_ERROR frame for a client whose connection never reaches the codecs (e.g. a plain client on
     * a TLS-only port), in the frame version it spoke ({@code versionCode} 1 to 5).
     */
    public static ByteBuf rawProtocolError(ByteBufAllocator alloc, int versionCode, int streamId, String message) {
        return unsupportedVersion(alloc, versionCode, streamId, message);
    }

    private static void writeErrorBody(ByteBuf out, int code, String message) {
        out.writeInt(code);
        String text = message == null ? "" : message;
        if (ByteBufUtil.utf8Bytes(text) > MAX_STRING_BYTES) {
            text = text.substring(0, MAX_STRING_BYTES / 4);
        }
        out.writeShort(ByteBufUtil.utf8Bytes(text));
        ByteBufUtil.writeUtf8(out, text);
    }
}
