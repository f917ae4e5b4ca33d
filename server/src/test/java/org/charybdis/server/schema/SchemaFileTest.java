package org.charybdis.server.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaFileTest {
    @TempDir
    Path workdir;

    @Test
    void nothingSavedReadsAsNull() throws Exception {
        assertThat(new SchemaFile(workdir.resolve("schema")).readIfExists()).isNull();
    }

    @Test
    void writeCreatesTheDirectoryAndReplacesTheWholeFile() throws Exception {
        SchemaFile file = new SchemaFile(workdir.resolve("schema"));

        file.write("a much longer first version".getBytes(StandardCharsets.UTF_8));
        file.write("second".getBytes(StandardCharsets.UTF_8));

        assertThat(file.path()).isEqualTo(workdir.resolve("schema").resolve("schema.json"));
        assertThat(new String(file.readIfExists(), StandardCharsets.UTF_8)).isEqualTo("second");
        try (var entries = Files.list(workdir.resolve("schema"))) {
            assertThat(entries).containsExactly(file.path()); // no temporary file left behind
        }
    }

    @Test
    void aTmpFileLeftByACrashIsRemovedAndTheLastSavedContentWins() throws Exception {
        SchemaFile file = new SchemaFile(workdir);
        file.write("saved".getBytes(StandardCharsets.UTF_8));
        Path tmp = workdir.resolve("schema.json.tmp");
        Files.writeString(tmp, "{\"half wri");

        assertThat(new String(file.readIfExists(), StandardCharsets.UTF_8)).isEqualTo("saved");
        assertThat(tmp).doesNotExist();
    }

    @Test
    void aTmpFileAloneMeansNothingWasEverSaved() throws Exception {
        Files.writeString(workdir.resolve("schema.json.tmp"), "{\"half");

        assertThat(new SchemaFile(workdir).readIfExists()).isNull();
        assertThat(workdir.resolve("schema.json.tmp")).doesNotExist();
    }
}
