package org.charybdis.storage.compaction;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class CompactionOptionsTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private static CompactionOptions ucs(String... keyValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        map.put("class", "UnifiedCompactionStrategy");
        for (int i = 0; i < keyValues.length; i += 2) map.put(keyValues[i], keyValues[i + 1]);
        return CompactionOptions.parse(map);
    }

    @Test
    void defaultsAreCassandra50s() {
        CompactionOptions o = CompactionOptions.defaults();
        assertThat(o.strategyClass()).isEqualTo(CompactionStrategyClass.UNIFIED);
        assertThat(o.scalingParameters()).hasToString("T4");
        assertThat(o.targetSSTableSize()).isEqualTo(GIB);
        assertThat(o.baseShardCount()).isEqualTo(4);
        assertThat(o.minSSTableSize()).isEqualTo(100 * MIB);
        assertThat(o.sstableGrowth()).isEqualTo(0.333);
        assertThat(o.flushSizeOverride()).isZero();
        assertThat(o.maxSSTablesToCompact()).isEqualTo(Integer.MAX_VALUE);
        assertThat(o.expiredSSTableCheckFrequencySeconds()).isEqualTo(600);
        assertThat(o.unsafeAggressiveSSTableExpiration()).isFalse();
        assertThat(o.overlapInclusionMethod()).isEqualTo(OverlapInclusionMethod.TRANSITIVE);
        assertThat(o.enabled()).isTrue();
        assertThat(o.common()).isEqualTo(CommonCompactionOptions.DEFAULTS);
    }

    @Test
    void fullyQualifiedClassNameIsAccepted() {
        CompactionOptions o = CompactionOptions.parse(Map.of("class", "org.apache.cassandra.db.compaction.UnifiedCompactionStrategy",
                                                             "scaling_parameters", "L10"));
        assertThat(o.scalingParameters().fanout(0)).isEqualTo(10);
    }

    @Test
    void documentedReadHeavyExample() {
        CompactionOptions o = ucs("scaling_parameters", "L10", "target_sstable_size", "256MiB", "base_shard_count", "8");
        assertThat(o.scalingParameters().threshold(0)).isEqualTo(2);
        assertThat(o.targetSSTableSize()).isEqualTo(256 * MIB);
        assertThat(o.baseShardCount()).isEqualTo(8);
    }

    @Test
    void documentedWriteHeavyExample() {
        CompactionOptions o = ucs("scaling_parameters", "T4", "target_sstable_size", "1GiB", "base_shard_count", "4");
        assertThat(o.scalingParameters().fanout(0)).isEqualTo(4);
        assertThat(o.targetSSTableSize()).isEqualTo(GIB);
    }

    @Test
    void documentedTimeSeriesExample() {
        CompactionOptions o = ucs("scaling_parameters", "T8", "target_sstable_size", "512MiB", "base_shard_count", "8",
                                  "expired_sstable_check_frequency_seconds", "300");
        assertThat(o.scalingParameters().threshold(0)).isEqualTo(8);
        assertThat(o.expiredSSTableCheckFrequencySeconds()).isEqualTo(300);
    }

    @Test
    void everyUcsOptionIsRead() {
        CompactionOptions o = ucs("scaling_parameters", "T4,T4,L10", "min_sstable_size", "0MiB", "sstable_growth", "50%",
                                  "flush_size_override", "64MiB", "max_sstables_to_compact", "32",
                                  "overlap_inclusion_method", "single", "unsafe_aggressive_sstable_expiration", "false",
                                  "enabled", "false", "tombstone_threshold", "0.3", "only_purge_repaired_tombstones", "true",
                                  "log_all", "true", "provide_overlapping_tombstones", "row", "min_threshold", "6");
        assertThat(o.minSSTableSize()).isZero();
        assertThat(o.sstableGrowth()).isEqualTo(0.5);
        assertThat(o.flushSizeOverride()).isEqualTo(64 * MIB);
        assertThat(o.maxSSTablesToCompact()).isEqualTo(32);
        assertThat(o.overlapInclusionMethod()).isEqualTo(OverlapInclusionMethod.SINGLE);
        assertThat(o.enabled()).isFalse();
        assertThat(o.common().tombstoneThreshold()).isEqualTo(0.3);
        assertThat(o.common().onlyPurgeRepairedTombstones()).isTrue();
        assertThat(o.common().provideOverlappingTombstones()).isEqualTo("ROW");
        // UCS accepts min_threshold like Cassandra does, but it does not change the scaling parameters.
        assertThat(o.scalingParameters()).hasToString("T4,T4,L10");
    }

    @Test
    void nonPositiveMaxSSTablesMeansNoLimit() {
        assertThat(ucs("max_sstables_to_compact", "0").maxSSTablesToCompact()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ucs("max_sstables_to_compact", "-5").maxSSTablesToCompact()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void sizeTieredMapsOntoTiered() {
        CompactionOptions o = CompactionOptions.parse(Map.of("class", "SizeTieredCompactionStrategy"));
        assertThat(o.strategyClass()).isEqualTo(CompactionStrategyClass.SIZE_TIERED);
        assertThat(o.scalingParameters()).hasToString("T4");
        assertThat(o.maxSSTablesToCompact()).isEqualTo(Integer.MAX_VALUE);

        CompactionOptions six = CompactionOptions.parse(Map.of("class", "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy",
                                                               "min_threshold", "6", "max_threshold", "20",
                                                               "bucket_low", "0.4", "min_sstable_size", "1000"));
        assertThat(six.scalingParameters()).hasToString("T6");
        assertThat(six.scalingParameters().threshold(5)).isEqualTo(6);
        assertThat(six.maxSSTablesToCompact()).isEqualTo(20);

        assertThat(CompactionOptions.parse(Map.of("class", "SizeTieredCompactionStrategy", "min_threshold", "2"))
                                    .scalingParameters()).hasToString("N");
    }

    @Test
    void leveledMapsOntoLeveled() {
        CompactionOptions o = CompactionOptions.parse(Map.of("class", "LeveledCompactionStrategy"));
        assertThat(o.scalingParameters()).hasToString("L10");
        assertThat(o.targetSSTableSize()).isEqualTo(160 * MIB);

        CompactionOptions custom = CompactionOptions.parse(Map.of("class", "org.apache.cassandra.db.compaction.LeveledCompactionStrategy",
                                                                  "fanout_size", "5", "sstable_size_in_mb", "64",
                                                                  "single_sstable_uplevel", "true"));
        assertThat(custom.scalingParameters()).hasToString("L5");
        assertThat(custom.scalingParameters().scalingParameter(0)).isEqualTo(-3);
        assertThat(custom.targetSSTableSize()).isEqualTo(64 * MIB);
    }

    @Test
    void legacyClassesRefuseUcsOptions() {
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "LeveledCompactionStrategy", "scaling_parameters", "T4")))
                .hasMessage("Properties specified [scaling_parameters] are not understood by LeveledCompactionStrategy");
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "SizeTieredCompactionStrategy", "fanout_size", "4")))
                .hasMessageContaining("[fanout_size]");
    }

    @Test
    void unknownOptionsAreNamed() {
        assertThatThrownBy(() -> ucs("scaling_parameter", "T4", "bogus", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Properties specified [bogus, scaling_parameter] are not understood by UnifiedCompactionStrategy");
    }

    @Test
    void classIsRequiredAndMustExist() {
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("scaling_parameters", "T4")))
                .hasMessage("Missing sub-option 'class' for the 'compaction' option.");
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "FooStrategy")))
                .hasMessage("Unable to find compaction strategy class 'org.apache.cassandra.db.compaction.FooStrategy'");
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "unifiedcompactionstrategy")))
                .hasMessageContaining("Unable to find compaction strategy class");
    }

    @Test
    void timeWindowIsRefusedWithAnAlternative() {
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "TimeWindowCompactionStrategy")))
                .hasMessageContaining("not supported").hasMessageContaining("'scaling_parameters': 'T8'");
    }

    @Test
    void invalidValuesGetActionableMessages() {
        assertThatThrownBy(() -> ucs("scaling_parameters", "Q4")).hasMessageContaining("Invalid scaling parameter 'Q4'");
        assertThatThrownBy(() -> ucs("base_shard_count", "0"))
                .hasMessage("Invalid configuration, base_shard_count should be positive: 0");
        assertThatThrownBy(() -> ucs("base_shard_count", "four"))
                .hasMessage("four is not a parsable int (base10) for base_shard_count");
        assertThatThrownBy(() -> ucs("target_sstable_size", "100KiB"))
                .hasMessage("target_sstable_size 100KiB is not acceptable, size must be at least 1 MiB");
        assertThatThrownBy(() -> ucs("target_sstable_size", "1073741824"))
                .hasMessageStartingWith("target_sstable_size 1073741824 is not a valid size in bytes");
        assertThatThrownBy(() -> ucs("target_sstable_size", "128MiB", "min_sstable_size", "100MiB"))
                .hasMessage("Invalid configuration, min_sstable_size (100 MiB) should be less than the target size minimum: 90.510 MiB");
        assertThatThrownBy(() -> ucs("sstable_growth", "1.5")).hasMessage("sstable_growth 1.5 must be between 0 and 1");
        assertThatThrownBy(() -> ucs("sstable_growth", "lots")).hasMessageContaining("not a valid number between 0 and 1");
        assertThatThrownBy(() -> ucs("flush_size_override", "10KiB")).hasMessageContaining("at least 1 MiB");
        assertThatThrownBy(() -> ucs("max_sstables_to_compact", "many")).hasMessageContaining("max_sstables_to_compact");
        assertThatThrownBy(() -> ucs("expired_sstable_check_frequency_seconds", "0"))
                .hasMessage("Invalid configuration, expired_sstable_check_frequency_seconds should be positive: 0");
        assertThatThrownBy(() -> ucs("unsafe_aggressive_sstable_expiration", "yes"))
                .hasMessage("unsafe_aggressive_sstable_expiration should either be 'true' or 'false', not yes");
        assertThatThrownBy(() -> ucs("overlap_inclusion_method", "ALL"))
                .hasMessage("Invalid overlap inclusion method ALL. The valid options are [NONE, SINGLE, TRANSITIVE].");
        assertThatThrownBy(() -> ucs("enabled", "maybe")).hasMessageContaining("'enabled'");
        assertThatThrownBy(() -> ucs("tombstone_threshold", "-1")).hasMessage("tombstone_threshold should be larger than 0");
        assertThatThrownBy(() -> ucs("provide_overlapping_tombstones", "ALL")).hasMessageContaining("NONE, ROW or CELL");
    }

    @Test
    void legacyThresholdsAreValidated() {
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "SizeTieredCompactionStrategy", "min_threshold", "1")))
                .hasMessageContaining("min_threshold must be at least 2");
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "SizeTieredCompactionStrategy", "min_threshold", "0")))
                .hasMessageContaining("'enabled' to false");
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "SizeTieredCompactionStrategy",
                                                                "min_threshold", "8", "max_threshold", "4")))
                .hasMessageContaining("max_threshold (4) must be greater than or equal to min_threshold (8)");
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "SizeTieredCompactionStrategy",
                                                                "bucket_low", "1.5", "bucket_high", "1.0")))
                .hasMessageContaining("bucket_high");
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "LeveledCompactionStrategy", "fanout_size", "1")))
                .hasMessageContaining("fanout_size must be at least 2");
        assertThatThrownBy(() -> CompactionOptions.parse(Map.of("class", "LeveledCompactionStrategy", "sstable_size_in_mb", "0")))
                .hasMessageContaining("sstable_size_in_mb should be positive");
    }

    @Test
    void aggressiveExpirationNeedsTheNodeSwitch() {
        Map<String, String> map = Map.of("class", "UnifiedCompactionStrategy", "unsafe_aggressive_sstable_expiration", "true");
        assertThat(CompactionOptions.parse(map).unsafeAggressiveSSTableExpiration()).isFalse();
        assertThat(CompactionOptions.parse(map, true).unsafeAggressiveSSTableExpiration()).isTrue();
    }

    @Test
    void schemaOptionsKeepWhatTheUserWrote() {
        CompactionOptions o = CompactionOptions.parse(Map.of("class", "LeveledCompactionStrategy", "fanout_size", "5"));
        assertThat(o.schemaOptions()).containsExactly(
                entry("class", "org.apache.cassandra.db.compaction.LeveledCompactionStrategy"),
                entry("fanout_size", "5"),
                entry("max_threshold", "32"),
                entry("min_threshold", "4"));
        assertThat(o.given()).containsOnlyKeys("fanout_size");
    }
}
