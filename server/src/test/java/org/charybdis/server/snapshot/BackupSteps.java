package org.charybdis.server.snapshot;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.HttpPost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What an operator does to back up and restore, as the tests of this package do it: files, admin routes, schema.cql. */
final class BackupSteps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BackupSteps() {}

    /** The table's directories on disk ({@code <data>/<ks>/<table>-<id>}), dropped ones too, oldest name first. */
    static List<Path> tableDirectories(CharybdisServerExtension server, String keyspace, String table) {
        Path keyspaceDirectory = server.workdir().resolve("data").resolve(keyspace);
        if (!Files.isDirectory(keyspaceDirectory)) return List.of();
        try (Stream<Path> list = Files.list(keyspaceDirectory)) {
            return list.filter(p -> p.getFileName().toString().matches(table + "-[0-9a-f]{32}")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The snapshot directories of the table whose tag starts so, dropped tables' included. */
    static List<Path> snapshots(CharybdisServerExtension server, String keyspace, String table, String tagPrefix) {
        return tableDirectories(server, keyspace, table).stream().flatMap(t -> list(t.resolve("snapshots")).stream())
                .filter(s -> s.getFileName().toString().startsWith(tagPrefix)).toList();
    }

    static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) return List.of();
        try (Stream<Path> list = Files.list(directory)) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under the directory, at any depth. */
    static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) return List.of();
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs each statement of a snapshot's schema.cql, as {@code cqlsh -f schema.cql} would. */
    static void recreate(CqlSession session, Path snapshot) throws IOException {
        String cql = Files.readString(snapshot.resolve("schema.cql"));
        for (String statement : cql.split(";\\s*\\n")) {
            if (!statement.isBlank()) session.execute(statement.strip());
        }
    }

    /** Copies a snapshot's directory, as it is, into the table's upload directory. */
    static void copyIntoUpload(Path snapshot, Path tableDirectory) throws IOException {
        Path upload = tableDirectory.resolve("upload");
        for (Path file : files(snapshot)) {
            Path target = upload.resolve(snapshot.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }

    static JsonNode refresh(CharybdisServerExtension server, String keyspace, String table) throws IOException {
        return JSON.readTree(HttpPost.body(server.apiPort(), "/storage_service/sstables/" + keyspace + "?cf=" + table));
    }

    static JsonNode listSnapshots(CharybdisServerExtension server) throws IOException {
        return JSON.readTree(HttpGet.body(server.apiPort(), "/storage_service/snapshots"));
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
