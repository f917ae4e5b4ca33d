package org.charybdis.server.service;

import org.charybdis.cql.exceptions.ReadTimeoutException;
import org.charybdis.cql.exceptions.TruncateException;
import org.charybdis.cql.exceptions.WriteTimeoutException;
import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineTest {
    private final RequestTimeouts timeouts = new RequestTimeouts(ServerConfig.defaults());

    @Test
    void theConfiguredTimeoutOfEachKindIsCassandrasDefault() {
        assertThat(timeouts.of(Deadline.Kind.READ)).isEqualTo(Duration.ofSeconds(5));
        assertThat(timeouts.of(Deadline.Kind.RANGE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(timeouts.of(Deadline.Kind.WRITE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(timeouts.of(Deadline.Kind.COUNTER_WRITE)).isEqualTo(Duration.ofSeconds(5));
        assertThat(timeouts.of(Deadline.Kind.CAS)).isEqualTo(Duration.ofSeconds(3)); // contention, then the commit
        assertThat(timeouts.of(Deadline.Kind.TRUNCATE)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aDeadlineExpiresAfterItsTimeoutFromTheArrival() {
        long arrived = System.nanoTime() - Duration.ofSeconds(3).toNanos();
        Deadline write = timeouts.deadline(arrived, null, Deadline.Kind.WRITE, ConsistencyLevel.QUORUM, WriteType.BATCH);
        Deadline read = timeouts.deadline(arrived, null, Deadline.Kind.READ, ConsistencyLevel.ONE, WriteType.SIMPLE);
        assertThat(write.expired()).isTrue();
        assertThat(write.remainingNanos()).isZero();
        assertThat(read.expired()).isFalse();
        assertThat(read.remainingNanos()).isBetween(1L, Duration.ofSeconds(2).toNanos());
        assertThat(timeouts.deadline(arrived, Duration.ofMinutes(1), Deadline.Kind.WRITE, ConsistencyLevel.ONE, WriteType.SIMPLE)
                .expired()).isFalse();
    }

    @Test
    void aCheckpointPastTheDeadlineThrowsItsErrorAndCountsTheAbandonedWork() {
        Deadline write = timeouts.deadline(System.nanoTime(), Duration.ZERO, Deadline.Kind.WRITE, ConsistencyLevel.QUORUM, WriteType.BATCH);
        assertThatThrownBy(write::check).isInstanceOfSatisfying(WriteTimeoutException.class, e -> {
            assertThat(e.consistency()).isEqualTo(ConsistencyLevel.QUORUM);
            assertThat(e.writeType()).isEqualTo(WriteType.BATCH);
            assertThat(e.received()).isZero();
            assertThat(e.blockFor()).isEqualTo(1);
        });
        assertThat(timeouts.stats().abandoned(Deadline.Kind.WRITE)).isEqualTo(1);
        assertThat(timeouts.deadline(System.nanoTime(), Duration.ZERO, Deadline.Kind.RANGE, ConsistencyLevel.ONE, WriteType.SIMPLE)
                .timeoutError()).isInstanceOf(ReadTimeoutException.class);
        assertThat(timeouts.deadline(System.nanoTime(), Duration.ZERO, Deadline.Kind.TRUNCATE, ConsistencyLevel.ONE, WriteType.SIMPLE)
                .timeoutError()).isInstanceOf(TruncateException.class);
    }

    @Test
    void internalWorkHasNoDeadline() {
        assertThat(Deadline.NONE.expired()).isFalse();
        assertThat(Deadline.NONE.remainingNanos()).isEqualTo(Long.MAX_VALUE);
        Deadline.NONE.check();
    }
}
