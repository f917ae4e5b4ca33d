package org.charybdis.server.index;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.schema.IndexMetadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text analysis a storage-attached index of a text or ascii column applies to what it stores and to what
 * queries look up, from the index options Cassandra 5.0 gives SAI: {@code case_sensitive} (default true),
 * {@code normalize} (Unicode NFC, default false) and {@code ascii} (fold accented letters to ASCII, default false).
 * An equality on such a column matches every value that analyzes to the same text.
 */
public final class TextAnalyzer {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final boolean caseSensitive;
    private final boolean normalize;
    private final boolean ascii;

    private TextAnalyzer(boolean caseSensitive, boolean normalize, boolean ascii) {
        this.caseSensitive = caseSensitive;
        this.normalize = normalize;
        this.ascii = ascii;
    }

    /** The index options that ask for text analysis. */
    private static final java.util.List<String> OPTIONS = java.util.List.of("case_sensitive", "normalize", "ascii");

    /**
     * Refuses analysis options on a primary key column (whatever their values), with values other than true and
     * false, or on a column (element, key) of a type other than text, with Cassandra's messages.
     */
    public static void checkOptions(Map<String, String> options, CqlType type, boolean primaryKey) {
        if (primaryKey) {
            java.util.StringJoiner found = new java.util.StringJoiner(", ", "{", "}");
            for (String option : new java.util.TreeSet<>(OPTIONS)) {
                if (options.containsKey(option)) found.add("'" + option + "': '" + options.get(option) + "'");
            }
            if (found.length() > 2) {
                throw new InvalidRequestException("Analysis options are not supported on primary key columns, but found " + found);
            }
        }
        for (String option : OPTIONS) {
            String value = options.get(option);
            if (value == null) continue;
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new InvalidRequestException("Illegal value for boolean option '" + option + "': " + value);
            }
            if (type != NativeType.TEXT && type != NativeType.ASCII) {
                throw new InvalidRequestException("CQL type " + type.cqlName() + " cannot be analyzed.");
            }
        }
    }

    /** The analyzer of the index on a column of {@code type}, or null when its values are indexed as they are. */
    public static TextAnalyzer of(IndexMetadata index, CqlType type) {
        if (!index.isSai() || (type != NativeType.TEXT && type != NativeType.ASCII)) return null;
        Map<String, String> options = index.options();
        boolean caseSensitive = !"false".equalsIgnoreCase(options.getOrDefault("case_sensitive", "true"));
        boolean normalize = "true".equalsIgnoreCase(options.getOrDefault("normalize", "false"));
        boolean ascii = "true".equalsIgnoreCase(options.getOrDefault("ascii", "false"));
        return caseSensitive && !normalize && !ascii ? null : new TextAnalyzer(caseSensitive, normalize, ascii);
    }

    /** The analyzed form of a UTF-8 value. */
    public ByteBuffer analyze(ByteBuffer utf8) {
        String text = StandardCharsets.UTF_8.decode(utf8.duplicate()).toString();
        if (ascii) text = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        if (normalize || ascii) text = Normalizer.normalize(text, Normalizer.Form.NFC);
        if (!caseSensitive) text = text.toLowerCase(Locale.ROOT);
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
