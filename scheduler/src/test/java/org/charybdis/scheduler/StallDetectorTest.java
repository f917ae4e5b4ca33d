package org.charybdis.scheduler;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchdog reports a task that holds its shard past the threshold, once per task. */
class StallDetectorTest {
    @Test
    void aTaskLongerThanTheThresholdIsCountedOnce() throws Exception {
        ShardRuntimeConfig config = ShardRuntimeConfig.defaults(2).withStallThreshold(Duration.ofMillis(25));
        try (ShardRuntime runtime = ShardRuntime.start(config)) {
            SchedulingGroup statement = runtime.group(ShardRuntime.STATEMENT);
            runtime.shard(1).submitTo(1, statement, () -> null).get(5, TimeUnit.SECONDS); // short tasks: no stall
            assertThat(runtime.stallCount()).isZero();

            runtime.shard(1).submitTo(1, runtime.group(ShardRuntime.COMPACTION), () -> {
                Thread.sleep(60);
                return null;
            }).get(5, TimeUnit.SECONDS);

            assertThat(Eventually.holds(() -> runtime.stallCount() == 1)).isTrue();
            Thread.sleep(50);
            assertThat(runtime.stallCount()).isEqualTo(1);
            assertThat(runtime.stallCount(1)).as("the stall is the shard's that ran the task").isEqualTo(1);
            assertThat(runtime.stallCount(0)).isZero();
        }
    }
}
