package org.charybdis.cql.transport;

import java.util.List;

/**
 * The native protocol versions this server speaks. v5 is final since Cassandra 4.0 (no USE_BETA flag
 * needed); v6 exists only as a beta in Cassandra 5.0 and, like v1/v2, is refused here.
 */
public enum ProtocolVersion {
    V3(3), V4(4), V5(5);

    /** Highest version, answered to clients that offer a higher one. */
    public static final ProtocolVersion HIGHEST = V5;
    /** How Cassandra lists versions in SUPPORTED and in the unsupported-version error. */
    public static final String SUPPORTED_DESCRIPTION = "3/v3, 4/v4, 5/v5";
    /** Cassandra 5.0's beta version: a client may offer it with the USE_BETA flag. */
    public static final int BETA_VERSION_CODE = 6;

    private final int code;

    ProtocolVersion(int code) {
        this.code = code;
    }

    /** The version number carried in the low 7 bits of a frame's first byte. */
    public int code() {
        return code;
    }

    public boolean isAtLeast(ProtocolVersion other) {
        return code >= other.code;
    }

    public boolean isBefore(ProtocolVersion other) {
        return code < other.code;
    }

    /** The supported version with this number, or null. */
    public static ProtocolVersion fromCode(int code) {
        return switch (code) {
            case 3 -> V3;
            case 4 -> V4;
            case 5 -> V5;
            default -> null;
        };
    }

    /** The PROTOCOL_VERSIONS values of a SUPPORTED response. */
    public static List<String> supportedDescriptions() {
        return List.of("3/v3", "4/v4", "5/v5");
    }

    /** Cassandra's wording, which the drivers parse to downgrade their protocol version. */
    public static String unsupportedVersionMessage(int requested) {
        return "Invalid or unsupported protocol version (" + requested + "); supported versions are ("
                + SUPPORTED_DESCRIPTION + ")";
    }
}
