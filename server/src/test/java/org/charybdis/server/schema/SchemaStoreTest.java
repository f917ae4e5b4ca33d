package org.charybdis.server.schema;

import org.charybdis.cql.types.NativeType;
import org.charybdis.server.system.SystemKeyspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaStoreTest {
    @TempDir
    Path dir;

    private SchemaStore store() {
        return new SchemaStore(dir, ks -> !SystemKeyspaces.isLocal(ks));
    }

    @Test
    void withNothingSavedTheBuiltInSchemaStands() {
        Schema builtIn = SystemKeyspaces.initialSchema();

        assertThat(store().loadOnto(builtIn)).isSameAs(builtIn);
    }

    @Test
    void savedKeyspacesComeBackOverTheBuiltInOnes() {
        Schema schema = SchemaJsonTest.richSchema();
        store().save(schema).toCompletableFuture().join();

        Schema loaded = store().loadOnto(SystemKeyspaces.initialSchema());

        SchemaJsonTest.assertSameSchema(loaded, schema);
        assertThat(loaded.keyspace(SystemKeyspaces.SYSTEM_AUTH).replication()).containsEntry("replication_factor", "2");
    }

    @Test
    void localSystemKeyspacesAlwaysComeFromCode() throws Exception {
        Schema schema = SystemKeyspaces.initialSchema();
        store().save(schema).toCompletableFuture().join();
        String json = Files.readString(store().path());
        assertThat(json).doesNotContain("\"system_schema\"").contains("\"system_auth\"");

        // a table the code adds to system_auth in a later version joins the saved keyspace
        Schema newer = schema.with(schema.keyspace(SystemKeyspaces.SYSTEM_AUTH).withTable(new TableMetadata(SystemKeyspaces.SYSTEM_AUTH,
                "new_table", UUID.randomUUID(), List.of(new ColumnMetadata("k", ColumnMetadata.Kind.PARTITION_KEY, 0, NativeType.INT, false, 0)),
                TableParams.defaultParams(), 0, Map.of())));
        Schema loaded = store().loadOnto(newer);

        assertThat(loaded.keyspace(SystemKeyspaces.SYSTEM_AUTH).tables()).containsKeys("roles", "new_table");
        assertThat(loaded.keyspace(SystemKeyspaces.SYSTEM_SCHEMA)).isSameAs(newer.keyspace(SystemKeyspaces.SYSTEM_SCHEMA));
    }

    @Test
    void theSchemaVersionContinuesFromTheSavedOne() {
        Schema schema = SchemaJsonTest.richSchema();
        store().save(schema).toCompletableFuture().join();

        Schema loaded = store().loadOnto(SystemKeyspaces.initialSchema());

        assertThat(loaded.version()).isEqualTo(schema.version()).isGreaterThan(0);
        assertThat(loaded.versionId()).isEqualTo(schema.versionId());
    }

    @Test
    void aCorruptFileStopsStartUpNamingTheFile() throws Exception {
        store().save(SchemaJsonTest.richSchema()).toCompletableFuture().join();
        byte[] bytes = Files.readAllBytes(store().path());
        Files.write(store().path(), java.util.Arrays.copyOf(bytes, bytes.length / 2)); // torn, as by a bad disk

        assertThatThrownBy(() -> store().loadOnto(SystemKeyspaces.initialSchema()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(store().path().toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void anUnreadableFileStopsStartUpNamingTheFile() throws Exception {
        Files.createDirectories(store().path()); // a directory where the file should be

        assertThatThrownBy(() -> store().loadOnto(SystemKeyspaces.initialSchema()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(store().path().toString());
    }

    @Test
    void aFailedSaveFailsTheStage() throws Exception {
        Files.writeString(dir.resolve("blocker"), "not a directory");
        SchemaStore store = new SchemaStore(dir.resolve("blocker").resolve("schema"), ks -> true);

        assertThat(store.save(SystemKeyspaces.initialSchema()).toCompletableFuture())
                .failsWithin(java.time.Duration.ofSeconds(5))
                .withThrowableThat().withMessageContaining("Cannot save the schema to");
    }
}
