package org.charybdis.storage.engine;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopKeysTest {
    @Test
    void countsEachKeyMostFrequentFirst() {
        TopKeys top = new TopKeys(10);
        for (int i = 0; i < 5; i++) top.offer(key("hot"));
        top.offer(key("cold"));
        top.offer(key("warm"));
        top.offer(key("warm"));

        List<TopKeys.Entry> entries = top.top();
        assertThat(entries).extracting(e -> text(e.key())).containsExactly("hot", "warm", "cold");
        assertThat(entries).extracting(TopKeys.Entry::count).containsExactly(5L, 2L, 1L);
        assertThat(entries).extracting(TopKeys.Entry::error).containsOnly(0L);
        assertThat(top.distinct()).isEqualTo(3);
    }

    @Test
    void aFullSamplerKeepsTheHotKeyAndBoundsTheOvercount() {
        TopKeys top = new TopKeys(4);
        for (int i = 0; i < 1000; i++) {
            top.offer(key("hot"));
            top.offer(key("cold-" + i));
        }

        TopKeys.Entry first = top.top().getFirst();
        assertThat(text(first.key())).isEqualTo("hot");
        assertThat(first.count()).isGreaterThanOrEqualTo(1000);
        assertThat(first.count() - first.error()).isLessThanOrEqualTo(1000);
        assertThat(top.top()).hasSize(4);
    }

    @Test
    void keysAreCopiedSoCallersMayReuseTheirBuffers() {
        TopKeys top = new TopKeys(4);
        ByteBuffer reused = ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8));
        top.offer(reused);
        reused.put(0, (byte) 'x');

        assertThat(text(top.top().getFirst().key())).isEqualTo("abc");
    }

    private static ByteBuffer key(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer key) {
        return StandardCharsets.UTF_8.decode(key.duplicate()).toString();
    }
}
