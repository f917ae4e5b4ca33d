package org.charybdis.storage.data;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class UnsignedBytesTest {
    @Test
    void comparesBytesAsUnsignedAndShorterPrefixesFirst() {
        assertThat(UnsignedBytes.compare(wrap(0x7f), wrap(0x80))).isNegative();
        assertThat(UnsignedBytes.compare(wrap(0xff), wrap(0x00, 0x00))).isPositive();
        assertThat(UnsignedBytes.compare(wrap(1, 2), wrap(1, 2, 0))).isNegative();
        assertThat(UnsignedBytes.compare(wrap(), wrap())).isZero();
        assertThat(UnsignedBytes.compare(wrap(1, 2, 3), wrap(1, 2, 3))).isZero();
    }

    @Test
    void everyKindOfBufferComparesItsRemainingBytesTheSameWayWithABufferOrAnArray() {
        List<Function<byte[], ByteBuffer>> kinds = List.of(
                ByteBuffer::wrap,
                bytes -> { // a slice in the middle of a larger array, position moved
                    byte[] larger = new byte[bytes.length + 7];
                    System.arraycopy(bytes, 0, larger, 5, bytes.length);
                    return ByteBuffer.wrap(larger, 3, bytes.length + 2).slice().position(2);
                },
                bytes -> ByteBuffer.wrap(bytes).asReadOnlyBuffer(),
                bytes -> ByteBuffer.allocateDirect(bytes.length).put(0, bytes));
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            byte[] a = randomBytes(random);
            byte[] b = random.nextInt(4) == 0 ? a.clone() : randomBytes(random);
            int expected = Integer.signum(java.util.Arrays.compareUnsigned(a, b));
            List<Integer> signs = new ArrayList<>();
            for (var kindA : kinds) {
                for (var kindB : kinds) {
                    ByteBuffer bufferA = kindA.apply(a);
                    ByteBuffer bufferB = kindB.apply(b);
                    int positionA = bufferA.position();
                    signs.add(Integer.signum(UnsignedBytes.compare(bufferA, bufferB)));
                    assertThat(bufferA.position()).isEqualTo(positionA);
                }
                signs.add(Integer.signum(UnsignedBytes.compare(kindA.apply(a), b)));
            }
            assertThat(signs).containsOnly(expected);
        }
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(20)];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) random.nextInt(-2, 3); // few values: long common prefixes
        return bytes;
    }

    private static ByteBuffer wrap(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) bytes[i] = (byte) values[i];
        return ByteBuffer.wrap(bytes);
    }
}
