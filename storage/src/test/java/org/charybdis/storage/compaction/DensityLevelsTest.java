package org.charybdis.storage.compaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DensityLevelsTest {
    private static final long MIB = 1L << 20;

    @Test
    void tieredBandsGrowByTheFanFactorFromTheFlushSize() {
        DensityLevels levels = new DensityLevels(ScalingParameters.parse("T4"), 100 * MIB);
        // base = 100 MiB · (1 - 0.9 / 4) = 77.5 MiB; level 0 ends at 4 · base = 310 MiB
        assertThat(levels.maxDensity(0)).isEqualTo(310.0 * MIB);
        assertThat(levels.maxDensity(1)).isEqualTo(1240.0 * MIB);
        assertThat(levels.minDensity(1)).isEqualTo(310.0 * MIB);
        assertThat(levels.minDensity(0)).isZero();
        assertThat(levels.levelOf(100.0 * MIB)).isZero();
        assertThat(levels.levelOf(4 * 77.0 * MIB)).isZero(); // four slightly small flushes stay in level 0
        assertThat(levels.levelOf(310.0 * MIB)).isEqualTo(1); // the boundary belongs to the next level
        assertThat(levels.levelOf(400.0 * MIB)).isEqualTo(1);
        assertThat(levels.levelOf(1240.0 * MIB)).isEqualTo(2);
    }

    @Test
    void neutralScalingMatchesTheWorkedExample() {
        // W = 0, flush 100 MB: base 55 MB, level 0 below 110 MB, then doubling.
        DensityLevels levels = new DensityLevels(ScalingParameters.parse("N"), 100_000_000);
        assertThat(levels.maxDensity(0)).isCloseTo(110_000_000.0, within(1.0));
        assertThat(levels.maxDensity(1)).isCloseTo(220_000_000.0, within(2.0));
        assertThat(levels.maxDensity(3)).isCloseTo(880_000_000.0, within(8.0));
    }

    @Test
    void perLevelFanFactors() {
        DensityLevels levels = new DensityLevels(ScalingParameters.parse("T4,L10"), 10 * MIB);
        double l0 = levels.maxDensity(0);
        assertThat(levels.maxDensity(1)).isEqualTo(Math.floor(l0 * 10));
        assertThat(levels.maxDensity(2)).isEqualTo(Math.floor(Math.floor(l0 * 10) * 10));
    }

    @Test
    void missingFlushSizeStartsFromOneMiB() {
        DensityLevels levels = new DensityLevels(ScalingParameters.parse("T4"), 0);
        assertThat(levels.maxDensity(0)).isEqualTo(Math.floor(MIB * 0.775 * 4));
    }

    @Test
    void effectiveFlushSizeRoundsUpToWholeMiBUnlessOverridden() {
        assertThat(DensityLevels.effectiveFlushSize(0, 3 * MIB / 2)).isEqualTo(2 * MIB);
        assertThat(DensityLevels.effectiveFlushSize(0, 2 * MIB)).isEqualTo(2 * MIB);
        assertThat(DensityLevels.effectiveFlushSize(0, 0)).isZero();
        assertThat(DensityLevels.effectiveFlushSize(64 * MIB, 3 * MIB)).isEqualTo(64 * MIB);
    }

    @Test
    void hugeDensitiesLandInTheTopLevel() {
        DensityLevels levels = new DensityLevels(ScalingParameters.parse("T4"), 100 * MIB);
        assertThat(levels.levelOf(Double.MAX_VALUE)).isLessThan(DensityLevels.MAX_LEVELS);
        assertThat(levels.levelOf(Double.POSITIVE_INFINITY)).isEqualTo(DensityLevels.MAX_LEVELS - 1);
    }

    @Test
    void assignmentUsesDensityNotSize() {
        DensityLevels bands = new DensityLevels(ScalingParameters.parse("T4"), 100 * MIB);
        TestSSTable flush = TestSSTable.wholeRing(1, 100 * MIB);
        // Same size, a quarter of the ring: four times as dense, so level 1.
        TestSSTable split = TestSSTable.inShard(2, 100 * MIB, 1, 4);
        TestSSTable big = TestSSTable.wholeRing(3, 2000 * MIB);
        List<Level<TestSSTable>> levels = Level.assign(List.of(flush, split, big), bands);
        assertThat(levels).hasSize(3);
        assertThat(levels.get(0).sstables()).containsExactly(flush);
        assertThat(levels.get(1).sstables()).containsExactly(split);
        assertThat(levels.get(2).sstables()).containsExactly(big);
        assertThat(levels.get(1).threshold()).isEqualTo(4);
        assertThat(levels.get(2).totalBytes()).isEqualTo(2000 * MIB);
    }
}
