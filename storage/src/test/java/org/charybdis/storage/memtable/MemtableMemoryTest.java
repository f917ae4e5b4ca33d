package org.charybdis.storage.memtable;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.storage.engine.TestTables.V1;

class MemtableMemoryTest {
    @Test
    void sumsTheFootprintOfEveryMemtableUntilDiscarded() {
        MemtableMemory memory = new MemtableMemory(1 << 20, 4096);
        Memtable a = new Memtable(TestTables.layout(), memory);
        Memtable b = new Memtable(TestTables.layout(), memory);
        write(a, 10);
        write(b, 30);

        assertThat(memory.memtableCount()).isEqualTo(2);
        assertThat(a.ownedBytes()).isPositive();
        assertThat(b.ownedBytes()).isGreaterThan(a.ownedBytes());
        assertThat(memory.used()).isEqualTo(a.ownedBytes() + b.ownedBytes());

        a.discard();
        assertThat(memory.used()).isEqualTo(b.ownedBytes());
        assertThat(memory.memtableCount()).isEqualTo(1);
        b.discard();
        assertThat(memory.used()).isZero();
        assertThat(memory.memtableCount()).isZero();
    }

    @Test
    void reportsWhenTheBudgetIsExceeded() {
        MemtableMemory memory = new MemtableMemory(16 * 1024, 4096);
        Memtable memtable = new Memtable(TestTables.layout(), memory);
        assertThat(memory.isOverBudget()).isFalse();
        assertThat(memory.available()).isEqualTo(16 * 1024);

        int rows = 0;
        while (!memory.isOverBudget()) write(memtable, ++rows);

        assertThat(memory.used()).isGreaterThan(memory.budget());
        assertThat(memory.available()).isNegative();
        memory.budget(1 << 20);
        assertThat(memory.isOverBudget()).isFalse();
        memtable.discard();
        assertThat(memory.available()).isEqualTo(1 << 20);
    }

    @Test
    void rejectsNonsenseSizes() {
        assertThatThrownBy(() -> new MemtableMemory(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemtableMemory(1 << 20, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MemtableMemory(1 << 20).slabSize()).isEqualTo(MemtableMemory.DEFAULT_SLAB_SIZE);
    }

    /** One partition with {@code rows} small rows. */
    private static void write(Memtable memtable, int rows) {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(TestTables.key(rows));
        for (int i = 0; i < rows; i++) builder.row(TestTables.ck(i, "r")).cell(V1, TestTables.i(i), 1, 0, 1000);
        memtable.apply(builder.build(), rows);
    }
}
