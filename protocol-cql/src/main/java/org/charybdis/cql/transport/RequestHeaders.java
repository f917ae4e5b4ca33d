package org.charybdis.cql.transport;

/** Checks on a request frame header shared by the v3/v4 frame decoder and the v5 envelope assembler. */
final class RequestHeaders {
    private static final int RESPONSE_BIT = 0x80;

    private RequestHeaders() {}

    /** What is wrong with this header for a request, or null when it is acceptable. */
    static String problem(int versionByte, int opcodeCode) {
        if ((versionByte & RESPONSE_BIT) != 0) {
            return "Wrong protocol direction (expected REQUEST, got RESPONSE)";
        }
        Opcode opcode = Opcode.fromCode(opcodeCode);
        if (opcode == null) {
            return "Unknown opcode " + opcodeCode;
        }
        if (!opcode.isRequest()) {
            return "Opcode " + opcode + " is a response and cannot be sent by a client";
        }
        return null;
    }

    static String tooBig(long frameLength, int maxFrameBytes) {
        return "Request is too big: length " + frameLength + " exceeds maximum allowed length " + maxFrameBytes
                + " (native_transport_max_frame_size_in_mb = " + describeMegabytes(maxFrameBytes) + ")";
    }

    private static String describeMegabytes(int bytes) {
        return bytes % (1024 * 1024) == 0 ? Integer.toString(bytes / (1024 * 1024))
                : String.format(java.util.Locale.ROOT, "%.3f", bytes / (1024.0 * 1024.0));
    }
}
