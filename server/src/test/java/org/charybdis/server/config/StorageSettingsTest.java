package org.charybdis.server.config;

import org.charybdis.storage.lsm.LsmConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageSettingsTest {
    @Test
    void backgroundSharesAreLeftToTheControllersUnlessFixed() {
        assertThat(StorageSettings.lsm(new ConfigLoader().build()).staticShares()).isEqualTo(LsmConfig.StaticShares.CONTROLLED);

        ServerConfig fixed = new ConfigLoader().set(ServerConfig.MEMTABLE_FLUSH_STATIC_SHARES, "300")
                .set(ServerConfig.COMPACTION_STATIC_SHARES, "200").build();

        assertThat(StorageSettings.lsm(fixed).staticShares()).isEqualTo(new LsmConfig.StaticShares(300, 200));
    }

    @Test
    void eachShardGetsItsShareOfTheMemoryBudgetsMemtablesAndChunkCache() {
        ServerConfig config = new ConfigLoader().set(ServerConfig.MEMORY, "1G").set(ServerConfig.SMP, "2").build();

        LsmConfig lsm = StorageSettings.lsm(config);

        assertThat(lsm.memtableBytesPerShard()).isEqualTo(120L << 20);
        assertThat(lsm.chunkCacheBytesPerShard()).isEqualTo(50L << 20);
    }

    @Test
    void staticSharesOutsideTheSchedulersRangeAreRefused() {
        assertThatThrownBy(() -> new ConfigLoader().set(ServerConfig.COMPACTION_STATIC_SHARES, "-1"))
                .hasMessageContaining("compaction_static_shares");
        assertThatThrownBy(() -> new ConfigLoader().set(ServerConfig.MEMTABLE_FLUSH_STATIC_SHARES, "2000000"))
                .hasMessageContaining("memtable_flush_static_shares");
    }

    @Test
    void indexSpansTakeHalfOfTheChunkCacheUnlessConfigured() {
        assertThat(StorageSettings.lsm(new ConfigLoader().build()).indexCacheFraction()).isEqualTo(0.5);
        assertThat(StorageSettings.lsm(new ConfigLoader().set(ServerConfig.INDEX_CACHE_FRACTION, "0.2").build()).indexCacheFraction())
                .isEqualTo(0.2);
        assertThatThrownBy(() -> new ConfigLoader().set(ServerConfig.INDEX_CACHE_FRACTION, "1.5")).hasMessageContaining("index_cache_fraction");
    }
}
