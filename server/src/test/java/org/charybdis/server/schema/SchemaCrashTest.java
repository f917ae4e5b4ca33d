package org.charybdis.server.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.ChildServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An acknowledged DDL survives kill -9; a damaged schema file stops the node instead of starting it empty. */
class SchemaCrashTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void acknowledgedDdlSurvivesKillAndADamagedFileStopsStartUp() throws Exception {
        Path workdir = dir.resolve("node");
        Path schemaFile = workdir.resolve(CharybdisServer.SCHEMA_DIRECTORY).resolve(SchemaFile.FILE_NAME);
        try (ChildServerProcess child = ChildServerProcess.start(workdir, Map.of(), START)) {
            UUID tableId;
            try (CqlSession session = connect(child)) {
                session.execute("CREATE KEYSPACE crash WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TYPE crash.point (x double, y double)");
                session.execute("CREATE TABLE crash.shapes (id int PRIMARY KEY, points list<frozen<point>>) WITH comment = 'kept'");
                session.execute("ALTER TABLE crash.shapes ADD label text");
                tableId = tableId(session);
            }
            child.kill();
            Files.writeString(schemaFile.resolveSibling(SchemaFile.FILE_NAME + ".tmp"), "{\"format_version\": 1, \"keysp");

            child.restart(START);
            try (CqlSession session = connect(child)) {
                assertThat(tableId(session)).isEqualTo(tableId);
                assertThat(session.execute("SELECT column_name, type FROM system_schema.columns"
                        + " WHERE keyspace_name = 'crash' AND table_name = 'shapes'").all())
                        .extracting(row -> row.getString(0) + " " + row.getString(1))
                        .containsExactlyInAnyOrder("id int", "points list<frozen<point>>", "label text");
            }
            assertThat(schemaFile.resolveSibling(SchemaFile.FILE_NAME + ".tmp")).doesNotExist();
            child.kill();

            byte[] saved = Files.readAllBytes(schemaFile);
            Files.write(schemaFile, java.util.Arrays.copyOf(saved, saved.length - 10));
            assertThatThrownBy(() -> child.restart(START))
                    .hasMessageContaining("exited")
                    .hasMessageContaining("The saved schema " + schemaFile.toAbsolutePath() + " cannot be read");
        }
    }

    private static CqlSession connect(ChildServerProcess child) {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", child.nativePort()))
                .withLocalDatacenter(CharybdisServerExtension.DATACENTER)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, CharybdisServerExtension.REQUEST_TIMEOUT)
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, CharybdisServerExtension.REQUEST_TIMEOUT)
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(1))
                        .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of("crash"))
                        .build())
                .build();
    }

    private static UUID tableId(CqlSession session) {
        return session.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = 'crash' AND table_name = 'shapes'")
                .one().getUuid("id");
    }
}
