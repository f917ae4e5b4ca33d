package org.charybdis.scheduler.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cost model: disk time per request from the measured capacity, without overflow at any extreme. */
class IoCapacityTest {
    private static final IoCapacity NVME = new IoCapacity(500_000, 2_000_000_000L, 250_000, 1_000_000_000L);

    @Test
    void costIsTheLargerOfTheOpTimeAndTheByteTimeInTheRequestsDirection() {
        assertThat(NVME.costNanos(false, 4096)).isEqualTo(2_048); // 1/500k iops = 2000 ns < 4096 B at 2 GB/s
        assertThat(NVME.costNanos(false, 512)).isEqualTo(2_000); // small read: bound by iops
        assertThat(NVME.costNanos(true, 131_072)).isEqualTo(131_072); // 128 KiB at 1 GB/s
        assertThat(NVME.costNanos(true, 0)).isEqualTo(4_000); // a sync: one write op
    }

    @Test
    void unlimitedCapacityCostsOnlyTheFloorAndStaysProportionalToBytes() {
        IoCapacity unlimited = IoCapacity.UNLIMITED;
        assertThat(unlimited.isUnlimited()).isTrue();
        assertThat(unlimited.costNanos(true, 0)).isEqualTo(1);
        assertThat(unlimited.costNanos(false, 4096)).isEqualTo(1);
        assertThat(unlimited.costNanos(false, 131_072)).isEqualTo(32);
        assertThat(unlimited.costNanos(true, Long.MAX_VALUE)).isEqualTo(IoCapacity.MAX_COST_NANOS);
    }

    @Test
    void aFortyGigabytePerSecondDiskIsCostedAtItsOwnSpeedNotCappedByTheFloor() {
        IoCapacity fast = new IoCapacity(10_000_000, 40_000_000_000L, 10_000_000, 40_000_000_000L);
        long cost = fast.costNanos(false, 131_072);
        assertThat(cost).isEqualTo(3_276); // 131072 B / 40 GB/s
        assertThat(1_000_000_000L / cost * 131_072).isGreaterThan(39_000_000_000L);
    }

    @Test
    void extremeValuesSaturateInsteadOfOverflowing() {
        IoCapacity slow = new IoCapacity(1, 1, 1, 1);
        assertThat(slow.costNanos(true, Long.MAX_VALUE)).isEqualTo(IoCapacity.MAX_COST_NANOS);
        assertThat(slow.costNanos(true, 3_000)).isEqualTo(3_000_000_000_000L);
        assertThat(slow.costNanos(true, -5)).isEqualTo(1_000_000_000L); // negative bytes count as none
        IoCapacity almostUnlimited = new IoCapacity(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, Long.MAX_VALUE / 3, Long.MAX_VALUE / 7);
        assertThat(almostUnlimited.costNanos(true, 1L << 30)).isEqualTo(262_144); // the floor: 1 ns per 4 KiB
        assertThat(almostUnlimited.costNanos(false, Long.MAX_VALUE / 2)).isEqualTo(IoCapacity.MAX_COST_NANOS);
    }

    @Test
    void nanosForIsExactWhereTheProductFitsAndCloseWhereItDoesNot() {
        assertThat(IoCapacity.nanosFor(3, 7)).isEqualTo(428_571_428L);
        assertThat(IoCapacity.nanosFor(10_000_000_000L, 3_000_000_000L)).isEqualTo(3_333_333_333L);
        long huge = 9_000_000_000_000_000L; // rest * 1e9 does not fit a long
        assertThat(IoCapacity.nanosFor(huge - 1, huge)).isBetween(999_999_999L, 1_000_000_000L);
    }

    @Test
    void capacitiesMustBePositive() {
        assertThatThrownBy(() -> new IoCapacity(0, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readIops");
        assertThatThrownBy(() -> new IoCapacity(1, 1, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeBandwidthBytesPerSec");
    }
}
