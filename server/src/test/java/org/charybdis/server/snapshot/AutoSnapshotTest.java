package org.charybdis.server.snapshot;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auto_snapshot (on by default): DROP TABLE, DROP KEYSPACE and TRUNCATE leave a snapshot that restores the data, by
 * Cassandra's steps: recreate the table from the snapshot's schema.cql, copy its files into the upload directory, refresh.
 */
class AutoSnapshotTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @BeforeAll
    static void keyspace() {
        server.session().execute("CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }

    @Test
    void droppedTableKeepsASnapshotThatRestoresItsRows() throws Exception {
        CqlSession session = server.session();
        // columns declared out of name order: the recreated table numbers them otherwise, the manifest maps them back
        session.execute("CREATE TABLE shop.orders (id int, line int, zeta text, alpha int, PRIMARY KEY (id, line))");
        Map<String, String> written = fill(session, "shop.orders", 200);
        HttpPost.body(server.apiPort(), "/storage/flush?keyspace=shop&table=orders"); // some rows on disk, the rest in memtables
        session.execute("INSERT INTO shop.orders (id, line, zeta, alpha) VALUES (999, 0, 'late', 1) USING TTL 86400");
        written.put("999/0", "late/1");

        long before = System.currentTimeMillis();
        session.execute("DROP TABLE shop.orders");

        List<Path> snapshots = BackupSteps.snapshots(server, "shop", "orders", "dropped-");
        assertThat(snapshots).hasSize(1);
        Path snapshot = snapshots.getFirst();
        String[] tag = snapshot.getFileName().toString().split("-");
        assertThat(Long.parseLong(tag[1])).isBetween(before, System.currentTimeMillis());
        assertThat(tag[2]).isEqualTo("orders");
        assertThat(Files.readString(snapshot.resolve("schema.cql"))).contains("CREATE TABLE shop.orders", "zeta text", "ID = ");
        JsonNode manifest = BackupSteps.json(Files.readString(snapshot.resolve("manifest.json")));
        assertThat(manifest.path("files").toString()).contains("shard-0/", "Data.db");
        assertThat(manifest.path("columns").toString()).contains("\"zeta\"", "\"alpha\"");
        assertThat(BackupSteps.files(snapshot.getParent().getParent()).stream().map(Path::toString))
                .as("the dropped table's live SSTables are gone").noneMatch(f -> f.matches(".*/orders-[0-9a-f]+/shard-[0-9]+/.*"));

        BackupSteps.recreate(session, snapshot);
        assertThat(session.execute("SELECT count(*) FROM shop.orders").one().getLong(0)).isZero();
        BackupSteps.copyIntoUpload(snapshot, snapshot.getParent().getParent());
        JsonNode refreshed = BackupSteps.refresh(server, "shop", "orders");

        assertThat(refreshed.path("partitions").asLong()).isEqualTo(41);
        assertThat(rows(session, "shop.orders")).isEqualTo(written);
        Row late = session.execute("SELECT TTL(zeta) FROM shop.orders WHERE id = 999 AND line = 0").one();
        assertThat(late.getInt(0)).as("TTLs are kept").isBetween(86000, 86400);
        assertThat(BackupSteps.files(snapshot.getParent().getParent().resolve("upload"))).as("loaded files leave upload/").isEmpty();
    }

    @Test
    void truncatedTableKeepsASnapshotThatRestoresItsRows() throws Exception {
        CqlSession session = server.session();
        session.execute("CREATE TABLE shop.carts (id int PRIMARY KEY, owner text, items int)");
        Map<String, String> written = new TreeMap<>();
        for (int id = 0; id < 100; id++) {
            session.execute("INSERT INTO shop.carts (id, owner, items) VALUES (?, ?, ?)", id, "owner-" + id, id * 2);
            written.put(Integer.toString(id), "owner-" + id + "/" + id * 2);
        }

        session.execute("TRUNCATE shop.carts");

        assertThat(session.execute("SELECT count(*) FROM shop.carts").one().getLong(0)).isZero();
        List<Path> snapshots = BackupSteps.snapshots(server, "shop", "carts", "truncated-");
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.getFirst().getFileName().toString()).matches("truncated-[0-9]+-carts");
        BackupSteps.copyIntoUpload(snapshots.getFirst(), snapshots.getFirst().getParent().getParent());
        BackupSteps.refresh(server, "shop", "carts");

        Map<String, String> read = new TreeMap<>();
        for (Row row : session.execute("SELECT id, owner, items FROM shop.carts")) {
            read.put(Integer.toString(row.getInt(0)), row.getString(1) + "/" + row.getInt(2));
        }
        assertThat(read).isEqualTo(written);
    }

    @Test
    void droppedKeyspaceLeavesASnapshotOfEachTable() {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE gone WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE gone.a (id int PRIMARY KEY, v int)");
        session.execute("CREATE TABLE gone.b (id int PRIMARY KEY, v int)");
        session.execute("INSERT INTO gone.a (id, v) VALUES (1, 1)");

        session.execute("DROP KEYSPACE gone");

        assertThat(BackupSteps.snapshots(server, "gone", "a", "dropped-")).hasSize(1);
        assertThat(BackupSteps.snapshots(server, "gone", "b", "dropped-")).hasSize(1);
        assertThat(BackupSteps.files(BackupSteps.snapshots(server, "gone", "a", "dropped-").getFirst()).stream().map(Path::toString))
                .anyMatch(f -> f.endsWith("Data.db"));
    }

    /** Writes rows of 5 lines per id; returns them as "id/line" -> "zeta/alpha". */
    private static Map<String, String> fill(CqlSession session, String table, int rows) {
        PreparedStatement insert = session.prepare("INSERT INTO " + table + " (id, line, zeta, alpha) VALUES (?, ?, ?, ?)");
        Map<String, String> written = new TreeMap<>();
        for (int i = 0; i < rows; i++) {
            int id = i / 5;
            int line = i % 5;
            session.execute(insert.bind(id, line, "z" + i, i));
            written.put(id + "/" + line, "z" + i + "/" + i);
        }
        return written;
    }

    private static Map<String, String> rows(CqlSession session, String table) {
        Map<String, String> read = new TreeMap<>();
        for (Row row : session.execute("SELECT id, line, zeta, alpha FROM " + table)) {
            read.put(row.getInt(0) + "/" + row.getInt(1), row.getString(2) + "/" + row.getInt(3));
        }
        return read;
    }
}
