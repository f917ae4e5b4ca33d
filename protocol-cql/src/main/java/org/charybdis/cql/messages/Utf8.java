package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;

/** Strict UTF-8 validation (the JDK decoder silently replaces bad sequences). */
final class Utf8 {
    private Utf8() {}

    static boolean isValid(ByteBuf buf, int index, int length) {
        int i = index;
        int end = index + length;
        while (i < end) {
            int b = buf.getByte(i) & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            if ((b & 0xE0) == 0xC0) {
                extra = 1;
                min = 0x80;
                b &= 0x1F;
            } else if ((b & 0xF0) == 0xE0) {
                extra = 2;
                min = 0x800;
                b &= 0x0F;
            } else if ((b & 0xF8) == 0xF0) {
                extra = 3;
                min = 0x10000;
                b &= 0x07;
            } else {
                return false;
            }
            if (i + extra >= end) {
                return false;
            }
            int codePoint = b;
            for (int k = 1; k <= extra; k++) {
                int c = buf.getByte(i + k) & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = (codePoint << 6) | (c & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }
}
