package org.charybdis.storage.memtable;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeRowStoreTest {
    private final MemtableMemory memory = new MemtableMemory(1 << 30, 4096);
    private final NativeRowStore store = new NativeRowStore(memory);

    @Test
    void rowsSpreadOverSlabsAndDedicatedSegmentsReadBackIntact() {
        List<Long> addresses = new ArrayList<>();
        List<byte[]> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] row = row(i % 7 == 0 ? 1000 + i : 10 + i % 50, (byte) i); // every seventh leaves the slabs
            rows.add(row);
            addresses.add(store.append(row, row.length));
        }
        for (int i = 0; i < rows.size(); i++) {
            ByteBuffer copy = store.copy(addresses.get(i));
            assertThat(copy.isDirect()).isFalse();
            assertThat(copy).isEqualTo(ByteBuffer.wrap(rows.get(i)));
            assertThat(store.view(addresses.get(i))).isEqualTo(ByteBuffer.wrap(rows.get(i)));
            assertThat(store.length(addresses.get(i))).isEqualTo(rows.get(i).length);
        }
        long appended = rows.stream().mapToLong(r -> r.length).sum();
        assertThat(store.appendedBytes()).isEqualTo(appended);
        assertThat(store.allocatedBytes()).isGreaterThanOrEqualTo(appended).isEqualTo(memory.used());
    }

    @Test
    void closeFreesEverythingAndLaterAccessThrows() {
        byte[] row = row(100, (byte) 1);
        long address = store.append(row, row.length);
        assertThat(memory.used()).isEqualTo(4096);

        store.close();
        assertThat(memory.used()).isZero();
        assertThat(store.isClosed()).isTrue();
        assertThatThrownBy(() -> store.copy(address)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.append(row, row.length)).isInstanceOf(IllegalStateException.class);
    }

    /** A fake serialized row: its big-endian body length, then the body. */
    private static byte[] row(int bodyLength, byte fill) {
        ByteBuffer row = ByteBuffer.allocate(4 + bodyLength).putInt(bodyLength);
        while (row.hasRemaining()) row.put(fill++);
        return row.array();
    }
}
