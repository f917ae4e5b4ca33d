package org.charybdis.tools.stress;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one {@code ?} marker of a profile's statement gets its value from the request's key index:
 * {@code [key] int | bigint | text(N) | blob(N)}. A {@code key} value is the key index itself (int, bigint) or
 * its zero-padded upper-case hex (text, and its ASCII bytes for blob, as cassandra-stress's printable keys):
 * use it for primary key columns. Other values are pseudo-random but derived from the key index and the marker's
 * position, so writing a key twice writes the same row.
 */
final class ValueSpec {
    enum Type { INT, BIGINT, TEXT, BLOB }

    static final String SYNTAX = "[key] int | bigint | text(N) | blob(N)";
    static final int DEFAULT_SIZE = 16;
    private static final Pattern FORMAT = Pattern.compile("(key\\s+)?(int|bigint|text|blob)(?:\\s*\\(\\s*(\\d{1,9})\\s*\\))?");
    /** Random values start at one of this many offsets into their pool: enough variety, little memory. */
    private static final int DISTINCT_OFFSETS = 1 << 16;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final boolean key;
    private final Type type;
    private final int size;
    private final int position;
    private final String text;
    /** Random bytes (blob) or characters (text) that random values are cut from; never written after construction. */
    private final byte[] pool;
    private final String charPool;

    private ValueSpec(boolean key, Type type, int size, int position, String text) {
        this.key = key;
        this.type = type;
        this.size = size;
        this.position = position;
        this.text = text;
        boolean randomSized = !key && (type == Type.TEXT || type == Type.BLOB);
        byte[] bytes = randomSized ? new byte[size + DISTINCT_OFFSETS] : null;
        if (bytes != null) {
            SplittableRandom random = new SplittableRandom(position);
            if (type == Type.BLOB) random.nextBytes(bytes);
            else for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length()));
        }
        this.pool = type == Type.BLOB ? bytes : null;
        this.charPool = type == Type.TEXT && bytes != null ? new String(bytes, StandardCharsets.US_ASCII) : null;
    }

    /** Parses one value spec; {@code position} is the marker's index in its statement (it seeds random values). */
    static ValueSpec parse(String text, int position) {
        Matcher m = FORMAT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("value '" + text.strip() + "' is not " + SYNTAX);
        Type type = Type.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        boolean sized = type == Type.TEXT || type == Type.BLOB;
        if (m.group(3) != null && !sized) throw new IllegalArgumentException("value '" + text.strip() + "': only text and blob take a size");
        int size = m.group(3) == null ? DEFAULT_SIZE : Integer.parseInt(m.group(3));
        if (sized && size == 0) throw new IllegalArgumentException("value '" + text.strip() + "': the size must be positive");
        return new ValueSpec(m.group(1) != null, type, sized ? size : 0, position, text.strip());
    }

    /** The bound value for this key index: Integer, Long, String or ByteBuffer. */
    Object value(long keyIndex) {
        return key ? keyValue(keyIndex) : randomValue(keyIndex);
    }

    private Object keyValue(long keyIndex) {
        return switch (type) {
            case INT -> Math.toIntExact(keyIndex);
            case BIGINT -> keyIndex;
            case TEXT -> hexKey(keyIndex, size);
            case BLOB -> ByteBuffer.wrap(hexKey(keyIndex, size).getBytes(StandardCharsets.US_ASCII));
        };
    }

    private Object randomValue(long keyIndex) {
        long bits = mix(keyIndex * 0x9E3779B97F4A7C15L + position);
        int offset = (int) Math.floorMod(bits, (long) DISTINCT_OFFSETS);
        return switch (type) {
            case INT -> (int) bits;
            case BIGINT -> bits;
            case TEXT -> charPool.substring(offset, offset + size);
            case BLOB -> ByteBuffer.wrap(pool, offset, size).slice();
        };
    }

    /** The key index in upper-case hex, zero-padded to {@code width} characters (longer if it needs more). */
    static String hexKey(long keyIndex, int width) {
        String hex = Long.toHexString(keyIndex).toUpperCase(Locale.ROOT);
        return hex.length() >= width ? hex : "0".repeat(width - hex.length()) + hex;
    }

    /** A 64-bit finalizer that spreads nearby inputs over all bits (the SplitMix64 output function). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return text;
    }
}
