package org.charybdis.storage.compaction;

import org.charybdis.storage.units.ByteSize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A table's compaction settings, parsed and validated from its CQL {@code WITH compaction = {...}} map.
 * <p>
 * Every accepted class runs as UCS: {@code SizeTieredCompactionStrategy} becomes {@code T<min_threshold>}
 * (T4 by default) with {@code max_threshold} as {@code max_sstables_to_compact};
 * {@code LeveledCompactionStrategy} becomes {@code L<fanout_size>} (L10) with {@code sstable_size_in_mb}
 * (160) as the target SSTable size. Invalid or unknown sub-options throw {@link IllegalArgumentException}
 * with a message close to Cassandra's.
 *
 * @param strategyClass      the class the table names (kept for the schema)
 * @param given              the sub-options as the user wrote them, without {@code class}
 * @param flushSizeOverride  bytes used instead of the observed flush size for level boundaries; 0 = observed
 * @param maxSSTablesToCompact largest compaction when compaction is late; {@link Integer#MAX_VALUE} = no limit
 * @param unsafeAggressiveSSTableExpiration in effect only when the node allows it (see {@link #parse(Map, boolean)})
 */
public record CompactionOptions(CompactionStrategyClass strategyClass,
                                Map<String, String> given,
                                CommonCompactionOptions common,
                                ScalingParameters scalingParameters,
                                long targetSSTableSize,
                                int baseShardCount,
                                long minSSTableSize,
                                double sstableGrowth,
                                long flushSizeOverride,
                                int maxSSTablesToCompact,
                                long expiredSSTableCheckFrequencySeconds,
                                boolean unsafeAggressiveSSTableExpiration,
                                OverlapInclusionMethod overlapInclusionMethod) {
    public static final long MIB = 1L << 20;
    public static final String DEFAULT_SCALING_PARAMETERS = "T4";
    public static final long DEFAULT_TARGET_SSTABLE_SIZE = 1L << 30;
    public static final int DEFAULT_BASE_SHARD_COUNT = 4;
    public static final long DEFAULT_MIN_SSTABLE_SIZE = 100 * MIB;
    public static final double DEFAULT_SSTABLE_GROWTH = 0.333;
    public static final long DEFAULT_EXPIRED_SSTABLE_CHECK_FREQUENCY_SECONDS = 600;
    /** Smallest accepted target and flush-size override. */
    public static final long MIN_TARGET_SSTABLE_SIZE = MIB;
    static final int LCS_DEFAULT_SSTABLE_SIZE_MB = 160;
    static final int LCS_DEFAULT_FANOUT = 10;

    public CompactionOptions {
        given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /** UCS with every default (what {@code {'class': 'UnifiedCompactionStrategy'}} gives). */
    public static CompactionOptions defaults() {
        return parse(Map.of("class", CompactionStrategyClass.UNIFIED.simpleName()));
    }

    /** Parses a table's compaction map, refusing {@code unsafe_aggressive_sstable_expiration} effects. */
    public static CompactionOptions parse(Map<String, String> options) {
        return parse(options, false);
    }

    /**
     * Parses a table's compaction map.
     *
     * @param allowUnsafeAggressiveExpiration the node-wide switch (Cassandra's
     *        {@code cassandra.allow_unsafe_aggressive_sstable_expiration}); without it the table option is
     *        accepted but has no effect
     */
    public static CompactionOptions parse(Map<String, String> options, boolean allowUnsafeAggressiveExpiration) {
        String className = options.get("class");
        if (className == null) {
            throw new IllegalArgumentException("Missing sub-option 'class' for the 'compaction' option.");
        }
        CompactionStrategyClass strategyClass = CompactionStrategyClass.resolve(className.trim());
        Map<String, String> given = new LinkedHashMap<>(options);
        given.remove("class");
        OptionReader reader = new OptionReader(given);
        CommonCompactionOptions common = CommonCompactionOptions.read(reader);
        CompactionOptions parsed = switch (strategyClass) {
            case UNIFIED -> readUnified(reader, strategyClass, given, common, allowUnsafeAggressiveExpiration);
            case SIZE_TIERED -> readSizeTiered(reader, given, common);
            case LEVELED -> readLeveled(reader, given, common);
        };
        reader.rejectUnknown(strategyClass.simpleName());
        return parsed;
    }

    /**
     * The map Cassandra stores in {@code system_schema.tables.compaction} and shows in DESCRIBE: the fully
     * qualified class, the user's sub-options, and the legacy thresholds with their defaults.
     */
    public Map<String, String> schemaOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("class", strategyClass.qualifiedName());
        out.putAll(given);
        out.putIfAbsent("max_threshold", Integer.toString(CommonCompactionOptions.DEFAULT_MAX_THRESHOLD));
        out.putIfAbsent("min_threshold", Integer.toString(CommonCompactionOptions.DEFAULT_MIN_THRESHOLD));
        return out;
    }

    public boolean enabled() { return common.enabled(); }

    /** Builds the shard-count rule these options describe. */
    public ShardCountPolicy shardCountPolicy() {
        return new ShardCountPolicy(baseShardCount, targetSSTableSize, minSSTableSize, sstableGrowth);
    }

    private static CompactionOptions readUnified(OptionReader reader, CompactionStrategyClass strategyClass,
                                                 Map<String, String> given, CommonCompactionOptions common,
                                                 boolean allowUnsafeAggressiveExpiration) {
        String scalingText = reader.take("scaling_parameters");
        ScalingParameters scaling = ScalingParameters.parse(scalingText == null ? DEFAULT_SCALING_PARAMETERS : scalingText);

        long target = reader.takeSize("target_sstable_size");
        if (target < 0) {
            target = DEFAULT_TARGET_SSTABLE_SIZE;
        } else if (target < MIN_TARGET_SSTABLE_SIZE) {
            throw new IllegalArgumentException("target_sstable_size " + given.get("target_sstable_size")
                    + " is not acceptable, size must be at least 1 MiB");
        }
        int baseShardCount = reader.takePositiveInt("base_shard_count", DEFAULT_BASE_SHARD_COUNT);

        long minSize = reader.takeSize("min_sstable_size");
        if (minSize < 0) {
            minSize = DEFAULT_MIN_SSTABLE_SIZE;
        } else {
            long limit = (long) Math.ceil(target * Math.sqrt(0.5));
            if (minSize >= limit) {
                throw new IllegalArgumentException("Invalid configuration, min_sstable_size (" + ByteSize.format(minSize)
                        + ") should be less than the target size minimum: " + ByteSize.format(limit));
            }
        }
        double growth = reader.takeFraction("sstable_growth", DEFAULT_SSTABLE_GROWTH);
        if (!(growth >= 0 && growth <= 1)) {
            throw new IllegalArgumentException("sstable_growth " + given.get("sstable_growth") + " must be between 0 and 1");
        }
        long flushOverride = reader.takeSize("flush_size_override");
        if (flushOverride < 0) {
            flushOverride = 0;
        } else if (flushOverride < MIN_TARGET_SSTABLE_SIZE) {
            throw new IllegalArgumentException("flush_size_override " + given.get("flush_size_override")
                    + " is not acceptable, size must be at least 1 MiB");
        }
        int maxToCompact = reader.takeInt("max_sstables_to_compact", 0);
        long checkFrequency = reader.takePositiveLong("expired_sstable_check_frequency_seconds",
                                                      DEFAULT_EXPIRED_SSTABLE_CHECK_FREQUENCY_SECONDS);
        boolean aggressive = reader.takeBoolean("unsafe_aggressive_sstable_expiration", false);
        OverlapInclusionMethod inclusion = readInclusionMethod(reader.take("overlap_inclusion_method"));

        return new CompactionOptions(strategyClass, given, common, scaling, target, baseShardCount, minSize, growth,
                                     flushOverride, maxToCompact <= 0 ? Integer.MAX_VALUE : maxToCompact,
                                     checkFrequency, aggressive && allowUnsafeAggressiveExpiration, inclusion);
    }

    private static CompactionOptions readSizeTiered(OptionReader reader, Map<String, String> given,
                                                    CommonCompactionOptions common) {
        double bucketLow = reader.takeDouble("bucket_low", 0.5);
        double bucketHigh = reader.takeDouble("bucket_high", 1.5);
        if (bucketHigh <= bucketLow) {
            throw new IllegalArgumentException("bucket_high value (" + bucketHigh
                    + ") is less than or equal bucket_low value (" + bucketLow + ")");
        }
        // STCS's min_sstable_size is a plain byte count with a different meaning from UCS's; it is checked only.
        long stcsMinSize = reader.takeLong("min_sstable_size", 50L * 1024 * 1024);
        if (stcsMinSize < 0) throw new IllegalArgumentException("min_sstable_size must be non negative: " + stcsMinSize);

        ScalingParameters scaling = ScalingParameters.of(common.minThreshold() - 2);
        int maxToCompact = given.containsKey("max_threshold") ? common.maxThreshold() : Integer.MAX_VALUE;
        return legacy(CompactionStrategyClass.SIZE_TIERED, given, common, scaling, DEFAULT_TARGET_SSTABLE_SIZE,
                      maxToCompact);
    }

    private static CompactionOptions readLeveled(OptionReader reader, Map<String, String> given,
                                                 CommonCompactionOptions common) {
        int sizeInMb = reader.takePositiveInt("sstable_size_in_mb", LCS_DEFAULT_SSTABLE_SIZE_MB);
        int fanout = reader.takeInt("fanout_size", LCS_DEFAULT_FANOUT);
        if (fanout < 2) throw new IllegalArgumentException("fanout_size must be at least 2, got " + fanout);
        reader.takeBoolean("single_sstable_uplevel", false);
        return legacy(CompactionStrategyClass.LEVELED, given, common, ScalingParameters.of(2 - fanout),
                      sizeInMb * MIB, Integer.MAX_VALUE);
    }

    private static CompactionOptions legacy(CompactionStrategyClass strategyClass, Map<String, String> given,
                                            CommonCompactionOptions common, ScalingParameters scaling,
                                            long targetSize, int maxToCompact) {
        return new CompactionOptions(strategyClass, given, common, scaling, targetSize, DEFAULT_BASE_SHARD_COUNT,
                                     DEFAULT_MIN_SSTABLE_SIZE, DEFAULT_SSTABLE_GROWTH, 0, maxToCompact,
                                     DEFAULT_EXPIRED_SSTABLE_CHECK_FREQUENCY_SECONDS, false,
                                     OverlapInclusionMethod.TRANSITIVE);
    }

    private static OverlapInclusionMethod readInclusionMethod(String text) {
        if (text == null) return OverlapInclusionMethod.TRANSITIVE;
        try {
            return OverlapInclusionMethod.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid overlap inclusion method " + text
                    + ". The valid options are [NONE, SINGLE, TRANSITIVE].");
        }
    }
}
