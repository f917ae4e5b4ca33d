package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.server.schema.TableParams;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks and completes the map table options ({@code compaction}, {@code compression}, {@code caching})
 * the way Cassandra 5.0 stores them: class names fully qualified, defaults filled in, keys sorted.
 */
final class MapOptions {
    private static final String COMPACTION_PACKAGE = "org.apache.cassandra.db.compaction.";
    private static final String COMPRESSION_PACKAGE = "org.apache.cassandra.io.compress.";
    private static final Set<String> COMPACTION_CLASSES = Set.of("SizeTieredCompactionStrategy",
            "LeveledCompactionStrategy", "UnifiedCompactionStrategy", "TimeWindowCompactionStrategy");
    private static final Set<String> COMPRESSORS = Set.of("LZ4Compressor", "SnappyCompressor", "DeflateCompressor",
            "ZstdCompressor", "NoopCompressor");

    private MapOptions() {}

    static Map<String, String> normalize(String option, Map<String, String> given) {
        Map<String, String> out = switch (option) {
            case TableParams.COMPACTION -> compaction(given);
            case TableParams.COMPRESSION -> compression(given);
            case TableParams.CACHING -> caching(given);
            default -> new TreeMap<>(given);
        };
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> compaction(Map<String, String> given) {
        Map<String, String> out = new TreeMap<>(given);
        String className = out.get("class");
        if (className == null) throw new ConfigurationException("Missing sub-option 'class' for the 'compaction' option");
        String qualified = className.contains(".") ? className : COMPACTION_PACKAGE + className;
        String simple = qualified.startsWith(COMPACTION_PACKAGE) ? qualified.substring(COMPACTION_PACKAGE.length()) : null;
        if (simple == null || !COMPACTION_CLASSES.contains(simple)) {
            throw new ConfigurationException("Unable to find compaction strategy class '" + qualified + "'");
        }
        out.put("class", qualified);
        if (!simple.equals("UnifiedCompactionStrategy")) {
            // the legacy strategies always show their thresholds, as Cassandra stores them
            out.putIfAbsent("max_threshold", "32");
            out.putIfAbsent("min_threshold", "4");
            integerSubOption(out, "max_threshold");
            integerSubOption(out, "min_threshold");
        }
        return out;
    }

    private static void integerSubOption(Map<String, String> options, String name) {
        try {
            Integer.parseInt(options.get(name));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Invalid value " + options.get(name) + " for '" + name + "' compaction sub-option - must be an integer");
        }
    }

    private static Map<String, String> compression(Map<String, String> given) {
        Map<String, String> out = new TreeMap<>(given);
        if ("false".equalsIgnoreCase(out.get("enabled"))) return new TreeMap<>(Map.of("enabled", "false"));
        out.remove("enabled");
        String className = out.get("class");
        if (className == null) throw new ConfigurationException("Missing sub-option 'class' for the 'compression' option.");
        String qualified = className.contains(".") ? className : COMPRESSION_PACKAGE + className;
        if (!qualified.startsWith(COMPRESSION_PACKAGE) || !COMPRESSORS.contains(qualified.substring(COMPRESSION_PACKAGE.length()))) {
            throw new ConfigurationException("Could not create Compression for type " + qualified);
        }
        out.put("class", qualified);
        String chunk = out.getOrDefault("chunk_length_in_kb", "16");
        try {
            int kb = Integer.parseInt(chunk);
            if (kb <= 0 || Integer.bitCount(kb) != 1) {
                throw new ConfigurationException("chunk_length_in_kb must be a power of 2");
            }
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Invalid value for chunk_length_in_kb: " + chunk);
        }
        out.put("chunk_length_in_kb", chunk);
        return out;
    }

    private static Map<String, String> caching(Map<String, String> given) {
        List<String> unknown = new ArrayList<>();
        for (String key : given.keySet()) {
            if (!key.equals("keys") && !key.equals("rows_per_partition")) unknown.add(key);
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("Invalid caching sub-options " + unknown + ": only 'keys' and 'rows_per_partition' are allowed");
        }
        String keys = given.getOrDefault("keys", "ALL").toUpperCase(Locale.ROOT);
        if (!keys.equals("ALL") && !keys.equals("NONE")) {
            throw new ConfigurationException("Invalid value '" + given.get("keys") + "' for caching sub-option 'keys': only 'ALL' and 'NONE' are allowed");
        }
        String rows = given.getOrDefault("rows_per_partition", "NONE");
        String upperRows = rows.toUpperCase(Locale.ROOT);
        if (upperRows.equals("ALL") || upperRows.equals("NONE")) {
            rows = upperRows;
        } else {
            try {
                Integer.parseInt(rows);
            } catch (NumberFormatException e) {
                throw new ConfigurationException("Invalid value '" + rows + "' for caching sub-option 'rows_per_partition': only 'ALL', 'NONE', and integer values are allowed");
            }
        }
        Map<String, String> out = new TreeMap<>();
        out.put("keys", keys);
        out.put("rows_per_partition", rows);
        return out;
    }
}
