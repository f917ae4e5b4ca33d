package org.charybdis.storage.compaction;

import java.util.Locale;
import java.util.Set;

/**
 * The sub-options Cassandra accepts for every compaction class: background compaction on/off,
 * tombstone-compaction tuning and the legacy thresholds.
 *
 * @param minThreshold             STCS's trigger (mapped onto UCS by {@link CompactionOptions} for STCS only)
 * @param maxThreshold             STCS's largest compaction (mapped likewise)
 * @param provideOverlappingTombstones NONE, ROW or CELL
 */
public record CommonCompactionOptions(boolean enabled,
                                      boolean logAll,
                                      double tombstoneThreshold,
                                      long tombstoneCompactionIntervalSeconds,
                                      boolean uncheckedTombstoneCompaction,
                                      boolean onlyPurgeRepairedTombstones,
                                      String provideOverlappingTombstones,
                                      int minThreshold,
                                      int maxThreshold) {
    public static final int DEFAULT_MIN_THRESHOLD = 4;
    public static final int DEFAULT_MAX_THRESHOLD = 32;
    public static final CommonCompactionOptions DEFAULTS =
            new CommonCompactionOptions(true, false, 0.2, 86_400, false, false, "NONE",
                                        DEFAULT_MIN_THRESHOLD, DEFAULT_MAX_THRESHOLD);

    private static final Set<String> OVERLAPPING_TOMBSTONES = Set.of("NONE", "ROW", "CELL");

    static CommonCompactionOptions read(OptionReader reader) {
        String enabledText = reader.take("enabled");
        boolean enabled = true;
        if (enabledText != null) {
            if (!enabledText.equalsIgnoreCase("true") && !enabledText.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("Invalid value " + enabledText
                        + " for 'enabled' compaction sub-option - must be 'true' or 'false'");
            }
            enabled = Boolean.parseBoolean(enabledText);
        }
        boolean logAll = reader.takeBoolean("log_all", false);
        double tombstoneThreshold = reader.takeDouble("tombstone_threshold", DEFAULTS.tombstoneThreshold);
        if (tombstoneThreshold < 0) throw new IllegalArgumentException("tombstone_threshold should be larger than 0");
        long interval = reader.takeLong("tombstone_compaction_interval", DEFAULTS.tombstoneCompactionIntervalSeconds);
        if (interval < 0) throw new IllegalArgumentException("tombstone_compaction_interval should be positive");
        boolean unchecked = reader.takeBoolean("unchecked_tombstone_compaction", false);
        boolean onlyPurgeRepaired = reader.takeBoolean("only_purge_repaired_tombstones", false);
        String overlapping = reader.take("provide_overlapping_tombstones");
        overlapping = overlapping == null ? "NONE" : overlapping.toUpperCase(Locale.ROOT);
        if (!OVERLAPPING_TOMBSTONES.contains(overlapping)) {
            throw new IllegalArgumentException("provide_overlapping_tombstones should be one of NONE, ROW or CELL, not "
                    + overlapping);
        }
        int minThreshold = reader.takeInt("min_threshold", DEFAULT_MIN_THRESHOLD);
        int maxThreshold = reader.takeInt("max_threshold", DEFAULT_MAX_THRESHOLD);
        if (minThreshold == 0 || maxThreshold == 0) {
            throw new IllegalArgumentException("Disabling compaction by setting min_threshold or max_threshold to 0"
                    + " is not supported, set the compaction option 'enabled' to false instead");
        }
        if (minThreshold < 2) {
            throw new IllegalArgumentException("min_threshold must be at least 2, got " + minThreshold);
        }
        if (maxThreshold < minThreshold) {
            throw new IllegalArgumentException("max_threshold (" + maxThreshold
                    + ") must be greater than or equal to min_threshold (" + minThreshold + ")");
        }
        return new CommonCompactionOptions(enabled, logAll, tombstoneThreshold, interval, unchecked,
                                           onlyPurgeRepaired, overlapping, minThreshold, maxThreshold);
    }
}
