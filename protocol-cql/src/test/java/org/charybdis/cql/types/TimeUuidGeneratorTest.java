package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeUuidGeneratorTest {
    @Test
    void makesStrictlyIncreasingVersionOneUuidsEvenWhenTheClockStalls() {
        long[] now = {1_700_000_000_000L};
        TimeUuidGenerator generator = new TimeUuidGenerator(() -> now[0], 7);
        ByteBuffer previous = generator.next();
        for (int i = 0; i < 1000; i++) {
            if (i == 500) {
                now[0] -= 10; // clock stepped back
            }
            ByteBuffer next = generator.next();
            NativeType.TIMEUUID.validate(next);
            assertThat(NativeType.TIMEUUID.compare(previous, next)).isNegative();
            previous = next;
        }
        assertThat(TimeUuidGenerator.unixMillis(UuidCodecs.read(previous))).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void minAndMaxBoundAMillisecond() {
        UUID min = TimeUuidGenerator.minAt(1_234_567L);
        UUID max = TimeUuidGenerator.maxAt(1_234_567L);
        assertThat(min.version()).isEqualTo(1);
        assertThat(TimeUuidGenerator.unixMillis(min)).isEqualTo(1_234_567L);
        assertThat(TimeUuidGenerator.unixMillis(max)).isEqualTo(1_234_567L);
        ByteBuffer inside = new TimeUuidGenerator(() -> 1_234_567L, -1).next();
        assertThat(NativeType.TIMEUUID.compare(NativeType.TIMEUUID.serialize(min), inside)).isNegative();
        assertThat(NativeType.TIMEUUID.compare(inside, NativeType.TIMEUUID.serialize(max))).isNegative();
        assertThat(TimeUuidGenerator.unixMillis(TimeUuidGenerator.minAt(-5_000L))).isEqualTo(-5_000L);
    }
}
