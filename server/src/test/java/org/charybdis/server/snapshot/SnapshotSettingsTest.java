package org.charybdis.server.snapshot;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** auto_snapshot: false takes no snapshot before DROP or TRUNCATE; incremental_backups: true links flushed SSTables only. */
class SnapshotSettingsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.AUTO_SNAPSHOT, false)
            .with(ServerConfig.INCREMENTAL_BACKUPS, true);

    @BeforeAll
    static void keyspace() {
        server.session().execute("CREATE KEYSPACE cfg WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }

    @Test
    void withoutAutoSnapshotDropAndTruncateLeaveNoSnapshot() {
        CqlSession session = server.session();
        session.execute("CREATE TABLE cfg.t1 (k int PRIMARY KEY, v int)");
        session.execute("CREATE TABLE cfg.t2 (k int PRIMARY KEY, v int)");
        session.execute("INSERT INTO cfg.t1 (k, v) VALUES (1, 1)");
        session.execute("INSERT INTO cfg.t2 (k, v) VALUES (1, 1)");

        session.execute("TRUNCATE cfg.t1");
        session.execute("DROP TABLE cfg.t2");

        assertThat(session.execute("SELECT * FROM cfg.t1").all()).isEmpty();
        assertThat(BackupSteps.snapshots(server, "cfg", "t1", "")).isEmpty();
        assertThat(BackupSteps.snapshots(server, "cfg", "t2", "")).isEmpty();
    }

    @Test
    void incrementalBackupsLinkEveryFlushedSSTableButNoCompactionOutput() {
        CqlSession session = server.session();
        session.execute("CREATE TABLE cfg.events (k int PRIMARY KEY, v text)");
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 30; k++) session.execute("INSERT INTO cfg.events (k, v) VALUES (?, ?)", k, "r" + round);
            HttpPost.body(server.apiPort(), "/storage/flush?keyspace=cfg&table=events");
        }
        Path table = BackupSteps.tableDirectories(server, "cfg", "events").getFirst();
        List<String> flushed = dataFiles(table.resolve("backups"));
        assertThat(flushed).as("three flushes on each shard").hasSize(6)
                .allMatch(f -> f.matches(".*/backups/shard-[01]/chs-[0-9]+-Data.db"));
        assertThat(dataFiles(table.resolve("shard-0")).stream().map(f -> f.replace("/shard-0/", "/backups/shard-0/")))
                .as("the very files the table reads").isSubsetOf(flushed);

        HttpPost.body(server.apiPort(), "/storage/compact?keyspace=cfg&table=events");

        assertThat(dataFiles(table.resolve("backups"))).isEqualTo(flushed);
        List<String> compacted = dataFiles(table.resolve("shard-0"));
        assertThat(compacted).as("the compaction's output").isNotEmpty()
                .anyMatch(f -> !flushed.contains(f.replace("/shard-0/", "/backups/shard-0/")));
    }

    private static List<String> dataFiles(Path directory) {
        return BackupSteps.files(directory).stream().map(Path::toString).filter(f -> f.endsWith("Data.db")).toList();
    }
}
