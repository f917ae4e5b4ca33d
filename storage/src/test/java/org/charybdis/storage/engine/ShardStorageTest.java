package org.charybdis.storage.engine;

import org.charybdis.storage.memory.MemoryEngineFactory;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardStorageTest {
    @Test
    void createsFindsAndDropsTables() {
        try (ShardStorage shard = new ShardStorage(3, new MemoryEngineFactory())) {
            TableEngine engine = shard.createTable(TestTables.layout());
            assertThat(shard.table(TestTables.TABLE_ID)).isSameAs(engine);
            assertThat(shard.table(UUID.randomUUID())).isNull();
            assertThatThrownBy(() -> shard.createTable(TestTables.layout())).isInstanceOf(IllegalStateException.class);
            assertThat(shard.dropTable(TestTables.TABLE_ID)).isTrue();
            assertThat(shard.dropTable(TestTables.TABLE_ID)).isFalse();
            assertThat(shard.tables()).isEmpty();
            assertThatThrownBy(engine::truncate).isInstanceOf(IllegalStateException.class);
        }
    }
}
