package org.charybdis.storage.commitlog;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitLogConfigTest {
    private final CommitLogConfig defaults = CommitLogConfig.defaults(Path.of("commitlog"));

    @Test
    void defaultsMatchScyllaAndCassandra() {
        assertThat(defaults.segmentSize()).isEqualTo(32L << 20);
        assertThat(defaults.syncMode()).isEqualTo(CommitLogConfig.SyncMode.PERIODIC);
        assertThat(defaults.syncPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.batchWindow()).isEqualTo(Duration.ofMillis(2));
        assertThat(defaults.totalSpace()).isEqualTo(8L << 30);
        assertThat(defaults.maxPayloadSize()).isEqualTo((16 << 20) - 12);
    }

    @Test
    void rejectsUnusableValues() {
        assertThatThrownBy(() -> defaults.withSegmentSize(100_000)).hasMessageContaining("multiple of 4096");
        assertThatThrownBy(() -> defaults.withSegmentSize(4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withSegmentSize(2L << 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withSyncPeriod(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withBatchWindow(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withTotalSpace(1 << 20)).hasMessageContaining("below one segment");
    }

    @Test
    void positionsCompareBySegmentThenOffset() {
        long early = CommitLogPosition.of(3, 1_000_000);
        long late = CommitLogPosition.of(4, 30);

        assertThat(early).isLessThan(late);
        assertThat(CommitLogPosition.segmentId(late)).isEqualTo(4);
        assertThat(CommitLogPosition.offset(early)).isEqualTo(1_000_000);
        assertThat(CommitLogPosition.of(CommitLogPosition.MAX_SEGMENT_ID, Integer.MAX_VALUE)).isPositive();
    }
}
