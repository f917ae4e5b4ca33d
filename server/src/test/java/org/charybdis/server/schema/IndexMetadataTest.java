package org.charybdis.server.schema;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IndexMetadataTest {

    @Test
    void legacyIndexesShowAsCompositesWithTheirTarget() {
        IndexMetadata index = new IndexMetadata("t_m_idx", UUID.randomUUID(), "m", IndexMetadata.Target.ENTRIES, null, Map.of());
        assertThat(index.kind()).isEqualTo("COMPOSITES");
        assertThat(index.isSai()).isFalse();
        assertThat(index.schemaOptions()).containsExactly(Map.entry("target", "entries(m)"));
    }

    @Test
    void saiIndexesShowAsCustomWithTheirClassAsWritten() {
        IndexMetadata index = new IndexMetadata("i", UUID.randomUUID(), "Odd Col", IndexMetadata.Target.SIMPLE, "StorageAttachedIndex",
                Map.of("case_sensitive", "false"));
        assertThat(index.kind()).isEqualTo("CUSTOM");
        assertThat(index.isSai()).isTrue();
        assertThat(index.schemaOptions()).containsExactly(Map.entry("case_sensitive", "false"),
                Map.entry("class_name", "StorageAttachedIndex"), Map.entry("target", "\"Odd Col\""));
        assertThat(IndexMetadata.isSaiClass("org.apache.cassandra.index.sai.StorageAttachedIndex")).isTrue();
        assertThat(IndexMetadata.isSaiClass("foo")).isFalse();
    }
}
