package org.charybdis.scheduler.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared token bucket on an injected clock: bursts, debt, refill rate, no overflow. */
class DiskTokenBucketTest {
    private static final long T0 = 5_000_000_000L;

    @Test
    void aFullBucketGrantsABurstThenMakesTheNextRequestWaitOffTheDebt() {
        DiskTokenBucket bucket = new DiskTokenBucket(1_000, T0);
        assertThat(bucket.tokens(T0)).isEqualTo(1_000);
        assertThat(bucket.tryAcquire(600, T0)).isZero();
        assertThat(bucket.tryAcquire(600, T0)).isZero(); // 400 left: may go, into 200 of debt
        assertThat(bucket.tokens(T0)).isEqualTo(-200);
        assertThat(bucket.tryAcquire(1, T0)).isEqualTo(200);
        assertThat(bucket.tryAcquire(1, T0 + 199)).isEqualTo(1);
        assertThat(bucket.tryAcquire(1, T0 + 200)).isZero();
    }

    @Test
    void idleTimeBeyondOneBurstIsNotBanked() {
        DiskTokenBucket bucket = new DiskTokenBucket(1_000, T0);
        long later = T0 + 3_600_000_000_000L;
        assertThat(bucket.tokens(later)).isEqualTo(1_000);
        assertThat(bucket.tryAcquire(1_500, later)).isZero();
        assertThat(bucket.tryAcquire(1, later)).isEqualTo(500);
    }

    @Test
    void sustainedRateIsOneTokenPerNanosecond() {
        DiskTokenBucket bucket = new DiskTokenBucket(1_000_000, T0);
        long now = T0;
        long granted = 0;
        long end = T0 + 1_000_000_000L;
        while (now - end < 0) {
            long wait = bucket.tryAcquire(32_768, now);
            if (wait == 0) granted += 32_768;
            else now += wait;
        }
        // a second of disk time plus the initial burst, give or take one request
        assertThat(granted).isBetween(1_000_000_000L, 1_001_000_000L + 32_768);
    }

    @Test
    void hugeCostsAndAWrappingClockDoNotOverflow() {
        long nearWrap = Long.MAX_VALUE - 500;
        DiskTokenBucket bucket = new DiskTokenBucket(1_000, nearWrap);
        assertThat(bucket.tryAcquire(IoCapacity.MAX_COST_NANOS, nearWrap)).isZero();
        long wait = bucket.tryAcquire(1, nearWrap + 1_000); // the clock has wrapped past Long.MAX_VALUE
        assertThat(wait).isEqualTo(IoCapacity.MAX_COST_NANOS - 2_000);
    }
}
