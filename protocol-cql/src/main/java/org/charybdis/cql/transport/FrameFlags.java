package org.charybdis.cql.transport;

/** Bits of a frame header's flags byte. */
public final class FrameFlags {
    /** Body compressed with the negotiated algorithm (v3/v4; deprecated and ignored in v5). */
    public static final int COMPRESSED = 0x01;
    /** Request: please trace. Response: body starts with the tracing session id. */
    public static final int TRACING = 0x02;
    /** A [bytes map] custom payload precedes the message (v4+). */
    public static final int CUSTOM_PAYLOAD = 0x04;
    /** Response carries a [string list] of warnings (v4+). */
    public static final int WARNING = 0x08;
    /** Client opts in to a beta protocol version (v5+ header). */
    public static final int USE_BETA = 0x10;

    private FrameFlags() {}

    public static boolean isSet(int flags, int flag) {
        return (flags & flag) != 0;
    }
}
