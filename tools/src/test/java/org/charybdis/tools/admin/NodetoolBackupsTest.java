package org.charybdis.tools.admin;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.tools.admin.AdminCommandTest.charybdis;

/** snapshot, listsnapshots, clearsnapshot and refresh through the admin command against the node's snapshot routes. */
class NodetoolBackupsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    private static final int ROWS = 20;

    @BeforeAll
    static void createTable() {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE backup_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE backup_ks.t (k int PRIMARY KEY, v text)");
        PreparedStatement insert = session.prepare("INSERT INTO backup_ks.t (k, v) VALUES (?, ?)");
        for (int k = 0; k < ROWS; k++) session.execute(insert.bind(k, "v" + k));
    }

    @Test
    void aSnapshotIsListedThenCleared() {
        AdminCommandTest.Outcome taken = charybdis("admin", "-p", port(), "snapshot", "-t", "listed", "backup_ks");
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        assertThat(taken.out()).containsPattern("(?m)^Requested creating snapshot\\(s\\) for \\[backup_ks\\] with snapshot name \\[listed\\]")
                .containsPattern("(?m)^Snapshot directory: listed$");

        AdminCommandTest.Outcome listed = charybdis("admin", "-p", port(), "listsnapshots");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern("(?m)^Snapshot Details: $")
                .containsPattern("(?m)^Snapshot name\\s+Keyspace name\\s+Column family name\\s+True size\\s+Size on disk$")
                // true size: what is not shared with the live SSTables (schema.cql, manifest.json just after taking it)
                .containsPattern("(?m)^listed\\s+backup_ks\\s+t\\s+[0-9.]+ (bytes|KiB)\\s+[0-9.]+ (bytes|KiB)$")
                .containsPattern("(?m)^Total TrueDiskSpaceUsed: ");

        AdminCommandTest.Outcome cleared = charybdis("admin", "-p", port(), "clearsnapshot", "-t", "listed", "backup_ks");
        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        assertThat(cleared.out()).containsPattern("(?m)^Requested clearing snapshot\\(s\\) for \\[backup_ks\\] with snapshot name \\[listed\\]$");
        assertThat(charybdis("admin", "-p", port(), "listsnapshots").out()).doesNotContainPattern("(?m)^listed\\s");
    }

    @Test
    void aTableSnapshotCopiedToUploadIsLoadedByRefresh() throws IOException {
        AdminCommandTest.Outcome taken = charybdis("admin", "-p", port(), "snapshot", "-t", "for-refresh", "-cf", "t", "backup_ks");
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        server.session().execute("TRUNCATE backup_ks.t");
        assertThat(server.session().execute("SELECT count(*) FROM backup_ks.t").one().getLong(0)).isZero();

        Path table;
        try (var dirs = Files.list(server.workdir().resolve("data").resolve("backup_ks"))) {
            table = dirs.filter(d -> d.getFileName().toString().startsWith("t-")).findFirst().orElseThrow();
        }
        copyTree(table.resolve("snapshots").resolve("for-refresh"), table.resolve("upload"));

        AdminCommandTest.Outcome refreshed = charybdis("admin", "-p", port(), "refresh", "backup_ks", "t");
        assertThat(refreshed.exitCode()).as(refreshed.err()).isZero();
        assertThat(server.session().execute("SELECT count(*) FROM backup_ks.t").one().getLong(0)).isEqualTo(ROWS);
    }

    @Test
    void clearsnapshotAllLeavesNone() {
        assertThat(charybdis("admin", "-p", port(), "snapshot", "-t", "one").exitCode()).isZero();
        assertThat(charybdis("admin", "-p", port(), "snapshot", "-t", "two").exitCode()).isZero();

        AdminCommandTest.Outcome cleared = charybdis("admin", "-p", port(), "clearsnapshot", "--all");
        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        assertThat(cleared.out()).containsPattern("(?m)^Requested clearing snapshot\\(s\\) for \\[all keyspaces\\] with \\[all snapshots\\]$");
        assertThat(charybdis("admin", "-p", port(), "listsnapshots").out()).containsPattern("(?m)^There are no snapshots$");
    }

    @Test
    void wrongArgumentsAreRefusedWithTheReason() {
        AdminCommandTest.Outcome tableOfTwo = charybdis("admin", "-p", port(), "snapshot", "-cf", "t", "backup_ks", "system");
        assertThat(tableOfTwo.exitCode()).isEqualTo(1);
        assertThat(tableOfTwo.err()).contains("give exactly one keyspace");

        AdminCommandTest.Outcome unknownTable = charybdis("admin", "-p", port(), "refresh", "backup_ks", "nope");
        assertThat(unknownTable.exitCode()).isEqualTo(1);
        assertThat(unknownTable.err()).contains("Table 'backup_ks.nope' does not exist");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String port() {
        return Integer.toString(server.apiPort());
    }
}
