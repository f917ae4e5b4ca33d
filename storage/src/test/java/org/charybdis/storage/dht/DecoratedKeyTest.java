package org.charybdis.storage.dht;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class DecoratedKeyTest {
    @Test
    void ordersByTokenThenUnsignedKeyBytes() {
        DecoratedKey low = new DecoratedKey(5, ByteBuffer.wrap(new byte[]{0x7f}));
        DecoratedKey high = new DecoratedKey(5, ByteBuffer.wrap(new byte[]{(byte) 0x80}));
        DecoratedKey longer = new DecoratedKey(5, ByteBuffer.wrap(new byte[]{0x7f, 0}));
        DecoratedKey nextToken = new DecoratedKey(6, ByteBuffer.wrap(new byte[]{0}));
        assertThat(low).isLessThan(longer);
        assertThat(longer).isLessThan(high);
        assertThat(high).isLessThan(nextToken);
        assertThat(DecoratedKey.minimumFor(5)).isLessThan(low);
        assertThat(low).isEqualByComparingTo(new DecoratedKey(5, ByteBuffer.wrap(new byte[]{0x7f})));
        assertThat(low).isEqualTo(new DecoratedKey(5, ByteBuffer.wrap(new byte[]{0x7f})));
    }

    @Test
    void ofComputesTheMurmur3Token() {
        assertThat(DecoratedKey.of(ByteBuffer.allocate(4).putInt(0, 42)).token()).isEqualTo(-7160136740246525330L);
    }
}
