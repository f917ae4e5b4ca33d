package org.charybdis.cql.transport;

import java.util.List;
import java.util.Locale;
import org.charybdis.cql.exceptions.ProtocolException;

/**
 * The STARTUP COMPRESSION option. v3/v4 compress each frame body ({@link #frameCompressor()}); v5
 * compresses whole segments and supports LZ4 only.
 */
public enum Compression {
    NONE(null), LZ4("lz4"), SNAPPY("snappy");

    private final String optionName;

    Compression(String optionName) {
        this.optionName = optionName;
    }

    /** Values advertised under COMPRESSION in a SUPPORTED response. */
    public static List<String> supportedOptionNames() {
        return List.of(LZ4.optionName, SNAPPY.optionName);
    }

    /**
     * The algorithm a STARTUP asked for (null: none).
     *
     * @throws ProtocolException for an unknown algorithm, or Snappy on v5
     */
    public static Compression fromStartupOption(String option, ProtocolVersion version) {
        if (option == null || option.isEmpty()) {
            return NONE;
        }
        Compression chosen = switch (option.toLowerCase(Locale.ROOT)) {
            case "lz4" -> LZ4;
            case "snappy" -> SNAPPY;
            default -> throw new ProtocolException("Unknown compression algorithm: " + option);
        };
        if (chosen == SNAPPY && version.isAtLeast(ProtocolVersion.V5)) {
            throw new ProtocolException("Snappy compression is not supported in protocol v5; use lz4");
        }
        return chosen;
    }

    /** The per-frame compressor for v3/v4, or null for NONE. */
    public FrameCompressor frameCompressor() {
        return switch (this) {
            case NONE -> null;
            case LZ4 -> Lz4FrameCompressor.INSTANCE;
            case SNAPPY -> SnappyFrameCompressor.INSTANCE;
        };
    }
}
