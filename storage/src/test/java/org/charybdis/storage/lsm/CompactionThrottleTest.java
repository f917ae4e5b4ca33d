package org.charybdis.storage.lsm;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-shard pacing of compaction_throughput, on a clock the test drives. */
class CompactionThrottleTest {
    private static final long MIB = 1L << 20;
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong nodeRate = new AtomicLong();
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void unthrottledNeverPauses() {
        CompactionThrottle throttle = new CompactionThrottle(nodeRate::get, 2, now::get);
        assertThat(throttle.pauseAfter(1L << 40)).isZero();
    }

    @Test
    void eachShardWritesItsShareOfTheNodeRate() {
        nodeRate.set(16 * MIB); // 8 MiB/s for each of 2 shards
        CompactionThrottle throttle = new CompactionThrottle(nodeRate::get, 2, now::get);

        long pause = throttle.pauseAfter(8 * MIB); // a second's worth at once: wait it out, less the burst credit
        assertThat(pause).isEqualTo(SECOND - CompactionThrottle.BURST_NANOS);

        now.addAndGet(pause);
        assertThat(throttle.pauseAfter(4 * MIB)).as("the next bytes queue behind the first").isEqualTo(SECOND / 2);
    }

    @Test
    void smallWritesWithinTheBurstDoNotPause() {
        nodeRate.set(10 * MIB);
        CompactionThrottle throttle = new CompactionThrottle(nodeRate::get, 1, now::get);
        assertThat(throttle.pauseAfter(MIB / 2)).isZero(); // 50 ms of the 100 ms credit
    }

    @Test
    void anIdleShardGetsNoCreditBeyondTheBurst() {
        nodeRate.set(MIB);
        CompactionThrottle throttle = new CompactionThrottle(nodeRate::get, 1, now::get);
        throttle.pauseAfter(MIB);
        now.addAndGet(3600 * SECOND); // an hour without compactions
        assertThat(throttle.pauseAfter(MIB)).isEqualTo(SECOND - CompactionThrottle.BURST_NANOS);
    }

    @Test
    void aRateChangedAtRuntimeAppliesToTheNextBytes() {
        nodeRate.set(MIB);
        CompactionThrottle throttle = new CompactionThrottle(nodeRate::get, 1, now::get);
        assertThat(throttle.pauseAfter(MIB)).isPositive();
        nodeRate.set(0);
        assertThat(throttle.pauseAfter(100 * MIB)).isZero();
        nodeRate.set(100 * MIB);
        assertThat(throttle.pauseAfter(MIB)).as("no debt carried from before").isZero();
    }
}
