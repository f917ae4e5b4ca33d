package org.charybdis.storage.data;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex rendering of buffers for toString() and error messages. */
final class HexString {
    private HexString() {}

    static String of(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
