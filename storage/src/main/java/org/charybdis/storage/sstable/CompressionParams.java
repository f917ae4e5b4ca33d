package org.charybdis.storage.sstable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table's {@code compression} option, parsed the way Cassandra parses it (same sub-options, same refusals,
 * close-to-Cassandra messages). Compressors: {@code LZ4Compressor} (the default), {@code ZstdCompressor},
 * {@code NoopCompressor}; {@code 'enabled': 'false'} stores chunks uncompressed. Cassandra's
 * {@code SnappyCompressor} is accepted and stored as LZ4, {@code DeflateCompressor} as Zstd at level 3 (the
 * same trade-off on our own format, without the JNI libraries), so schemas copied from Cassandra keep working.
 *
 * @param algorithm           how chunks are compressed
 * @param chunkLength         uncompressed bytes per chunk, a power of two
 * @param level               the Zstd level, or the LZ4 high-compression level (0 = LZ4 fast)
 * @param maxCompressedLength a chunk compressing to more than this is stored raw ({@code min_compress_ratio})
 */
public record CompressionParams(Algorithm algorithm, int chunkLength, int level, int maxCompressedLength) {
    public static final int DEFAULT_CHUNK_LENGTH = 16 * 1024;
    public static final int MAX_CHUNK_LENGTH = 64 * 1024 * 1024;
    public static final int DEFAULT_ZSTD_LEVEL = 3;
    public static final int MIN_ZSTD_LEVEL = -131072;
    public static final int MAX_ZSTD_LEVEL = 22;
    public static final int DEFAULT_LZ4_HIGH_LEVEL = 9;

    /** What a table gets when it says nothing: LZ4 in 16 KiB chunks, as Cassandra. */
    public static final CompressionParams DEFAULT = new CompressionParams(Algorithm.LZ4, DEFAULT_CHUNK_LENGTH, 0, Integer.MAX_VALUE);
    public static final CompressionParams NONE = new CompressionParams(Algorithm.NONE, DEFAULT_CHUNK_LENGTH, 0, Integer.MAX_VALUE);

    private static final String CLASS = "class";
    private static final String CHUNK_LENGTH_IN_KB = "chunk_length_in_kb";
    private static final String ENABLED = "enabled";
    private static final String MIN_COMPRESS_RATIO = "min_compress_ratio";
    private static final String COMPRESSION_LEVEL = "compression_level";
    private static final String LZ4_TYPE = "lz4_compressor_type";
    private static final String LZ4_HIGH_LEVEL = "lz4_high_compressor_level";
    private static final String CASSANDRA_PACKAGE = "org.apache.cassandra.io.compress.";

    /** Chunk compression algorithms; the id is what CompressionInfo.db stores. */
    public enum Algorithm {
        NONE(0, "NoopCompressor"), LZ4(1, "LZ4Compressor"), ZSTD(2, "ZstdCompressor");

        private final int id;
        private final String className;

        Algorithm(int id, String className) {
            this.id = id;
            this.className = className;
        }

        public int id() { return id; }

        public String className() { return className; }

        static Algorithm ofId(int id) {
            for (Algorithm a : values()) if (a.id == id) return a;
            return null;
        }
    }

    public CompressionParams {
        if (chunkLength <= 0 || (chunkLength & (chunkLength - 1)) != 0 || chunkLength > MAX_CHUNK_LENGTH)
            throw new IllegalArgumentException("chunk length must be a power of 2 up to " + MAX_CHUNK_LENGTH + ": " + chunkLength);
    }

    public static CompressionParams lz4(int chunkLength) { return new CompressionParams(Algorithm.LZ4, chunkLength, 0, Integer.MAX_VALUE); }

    public static CompressionParams zstd(int chunkLength, int level) { return new CompressionParams(Algorithm.ZSTD, chunkLength, level, Integer.MAX_VALUE); }

    public static CompressionParams none(int chunkLength) { return new CompressionParams(Algorithm.NONE, chunkLength, 0, Integer.MAX_VALUE); }

    /**
     * Parses Cassandra's option map ({@code {'class': 'ZstdCompressor', 'chunk_length_in_kb': '64', ...}}).
     * An empty map means no compression, as in Cassandra; a table without the option uses {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException with Cassandra's wording when an option is missing, unknown or invalid
     */
    public static CompressionParams fromOptions(Map<String, String> options) {
        Map<String, String> rest = new HashMap<>(options);
        String enabledText = rest.remove(ENABLED);
        boolean enabled = enabledText == null || Boolean.parseBoolean(enabledText);
        if (!enabled) {
            if (!rest.isEmpty())
                throw new IllegalArgumentException("If the 'enabled' option is set to false no other options must be specified");
            return NONE;
        }
        if (options.isEmpty()) return NONE;
        if (!rest.containsKey(CLASS)) throw new IllegalArgumentException("Missing sub-option 'class' for the 'compression' option.");
        String className = rest.remove(CLASS);
        if (className == null || className.isEmpty())
            throw new IllegalArgumentException("The 'class' option must not be empty. To disable compression use 'enabled' : false");
        int chunkLength = parseChunkLength(rest.remove(CHUNK_LENGTH_IN_KB));
        int maxCompressedLength = parseMinCompressRatio(rest.remove(MIN_COMPRESS_RATIO), chunkLength);
        String simpleName = className.startsWith(CASSANDRA_PACKAGE) ? className.substring(CASSANDRA_PACKAGE.length()) : className;
        return switch (simpleName) {
            case "LZ4Compressor", "SnappyCompressor" -> {
                int level = simpleName.equals("LZ4Compressor") ? parseLz4Level(rest) : 0;
                rejectUnknown(rest);
                yield new CompressionParams(Algorithm.LZ4, chunkLength, level, maxCompressedLength);
            }
            case "ZstdCompressor" -> {
                int level = parseZstdLevel(rest.remove(COMPRESSION_LEVEL));
                rejectUnknown(rest);
                yield new CompressionParams(Algorithm.ZSTD, chunkLength, level, maxCompressedLength);
            }
            case "DeflateCompressor" -> {
                rejectUnknown(rest);
                yield new CompressionParams(Algorithm.ZSTD, chunkLength, DEFAULT_ZSTD_LEVEL, maxCompressedLength);
            }
            case "NoopCompressor" -> {
                rejectUnknown(rest);
                yield new CompressionParams(Algorithm.NONE, chunkLength, 0, maxCompressedLength);
            }
            default -> throw new IllegalArgumentException("Could not create Compression for type "
                    + (className.contains(".") ? className : CASSANDRA_PACKAGE + className));
        };
    }

    /** The options as Cassandra shows them in {@code system_schema.tables}. */
    public Map<String, String> asOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(CHUNK_LENGTH_IN_KB, String.valueOf(chunkLength / 1024));
        options.put(CLASS, CASSANDRA_PACKAGE + algorithm.className());
        if (algorithm == Algorithm.ZSTD) options.put(COMPRESSION_LEVEL, String.valueOf(level));
        if (algorithm == Algorithm.LZ4 && level > 0) {
            options.put(LZ4_TYPE, "high");
            options.put(LZ4_HIGH_LEVEL, String.valueOf(level));
        }
        if (maxCompressedLength != Integer.MAX_VALUE)
            options.put(MIN_COMPRESS_RATIO, String.valueOf((double) chunkLength / maxCompressedLength));
        return options;
    }

    private static int parseChunkLength(String kb) {
        if (kb == null) return DEFAULT_CHUNK_LENGTH;
        int parsed;
        try {
            parsed = Integer.parseInt(kb.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value for " + CHUNK_LENGTH_IN_KB, e);
        }
        if (parsed > Integer.MAX_VALUE / 1024)
            throw new IllegalArgumentException("Value of " + CHUNK_LENGTH_IN_KB + " is too large (" + parsed + ")");
        int length = parsed * 1024;
        if (length <= 0) throw new IllegalArgumentException("Invalid negative or null " + CHUNK_LENGTH_IN_KB);
        if ((length & (length - 1)) != 0) throw new IllegalArgumentException(CHUNK_LENGTH_IN_KB + " must be a power of 2");
        if (length > MAX_CHUNK_LENGTH)
            throw new IllegalArgumentException("Value of " + CHUNK_LENGTH_IN_KB + " is too large (" + parsed + "), at most " + MAX_CHUNK_LENGTH / 1024);
        return length;
    }

    private static int parseMinCompressRatio(String text, int chunkLength) {
        if (text == null) return Integer.MAX_VALUE;
        double ratio;
        try {
            ratio = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value for " + MIN_COMPRESS_RATIO, e);
        }
        if (ratio < 0) throw new IllegalArgumentException("Invalid negative " + MIN_COMPRESS_RATIO);
        if (ratio == 0) return Integer.MAX_VALUE;
        if (ratio < 1) throw new IllegalArgumentException(MIN_COMPRESS_RATIO + " can either be 0 or greater than or equal to 1");
        return (int) Math.ceil(chunkLength / ratio);
    }

    private static int parseZstdLevel(String text) {
        if (text == null) return DEFAULT_ZSTD_LEVEL;
        int level;
        try {
            level = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value for " + COMPRESSION_LEVEL + ": " + text, e);
        }
        if (level < MIN_ZSTD_LEVEL || level > MAX_ZSTD_LEVEL)
            throw new IllegalArgumentException(COMPRESSION_LEVEL + "=" + level + " is invalid. Valid values lie in the range of ["
                    + MIN_ZSTD_LEVEL + ", " + MAX_ZSTD_LEVEL + "]");
        return level;
    }

    private static int parseLz4Level(Map<String, String> rest) {
        String type = rest.remove(LZ4_TYPE);
        String levelText = rest.remove(LZ4_HIGH_LEVEL);
        if (type != null && !type.equals("fast") && !type.equals("high"))
            throw new IllegalArgumentException("Invalid " + LZ4_TYPE + " '" + type + "': must be 'fast' or 'high'");
        if (!"high".equals(type)) return 0;
        if (levelText == null) return DEFAULT_LZ4_HIGH_LEVEL;
        try {
            int level = Integer.parseInt(levelText.trim());
            if (level >= 1 && level <= 17) return level;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(LZ4_HIGH_LEVEL + "=" + levelText + " is invalid: must be between 1 and 17");
    }

    private static void rejectUnknown(Map<String, String> rest) {
        if (!rest.isEmpty()) throw new IllegalArgumentException("Unknown compression options " + rest.keySet().iterator().next());
    }
}
