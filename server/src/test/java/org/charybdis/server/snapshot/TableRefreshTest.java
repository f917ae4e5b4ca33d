package org.charybdis.server.snapshot;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh on a node with two shards of a snapshot taken on a node with one: every partition lands on the shard that
 * owns its token (reads by key find it), deletions and large partitions come along, and the data survives a restart.
 */
class TableRefreshTest {
    @RegisterExtension
    static final CharybdisServerExtension oneShard = new CharybdisServerExtension().with(ServerConfig.SMP, 1);

    @RegisterExtension
    static final CharybdisServerExtension twoShards = new CharybdisServerExtension();

    private static final String KEYSPACE = "CREATE KEYSPACE moved WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";

    @Test
    void snapshotOfAOneShardNodeLoadsIntoATwoShardNode() throws Exception {
        CqlSession source = oneShard.session();
        source.execute(KEYSPACE);
        source.execute("CREATE TABLE moved.readings (sensor int, at int, value double, note text, PRIMARY KEY (sensor, at))");
        PreparedStatement insert = source.prepare("INSERT INTO moved.readings (sensor, at, value, note) VALUES (?, ?, ?, ?)");
        Map<String, String> expected = new TreeMap<>();
        for (int sensor = 0; sensor < 300; sensor++) {
            for (int at = 0; at < 3; at++) {
                source.execute(insert.bind(sensor, at, sensor + at / 10.0, "n" + sensor));
                expected.put(sensor + "/" + at, (sensor + at / 10.0) + "/n" + sensor);
            }
        }
        String large = "x".repeat(1000); // one partition larger than an update: it is written in parts
        for (int at = 0; at < 600; at++) {
            source.execute(insert.bind(-1, at, (double) at, large));
            expected.put("-1/" + at, (double) at + "/" + large);
        }
        HttpPost.body(oneShard.apiPort(), "/storage/flush?keyspace=moved");
        source.execute("DELETE FROM moved.readings WHERE sensor = 7"); // a partition tombstone, in a second SSTable
        source.execute("DELETE note FROM moved.readings WHERE sensor = 8 AND at = 1");
        for (int at = 0; at < 3; at++) expected.remove("7/" + at);
        expected.put("8/1", (8 + 0.1) + "/null");
        HttpPost.body(oneShard.apiPort(), "/storage_service/snapshots?tag=move&kn=moved");
        Path snapshot = BackupSteps.snapshots(oneShard, "moved", "readings", "move").getFirst();

        CqlSession target = twoShards.session();
        target.execute(KEYSPACE);
        BackupSteps.recreate(target, snapshot);
        Path tableDirectory = BackupSteps.tableDirectories(twoShards, "moved", "readings").getFirst();
        BackupSteps.copyIntoUpload(snapshot, tableDirectory);
        JsonNode answer = BackupSteps.refresh(twoShards, "moved", "readings");

        assertThat(answer.path("sstables").asInt()).isEqualTo(2);
        assertThat(rows(target)).isEqualTo(expected);
        assertThat(byKey(target, 0)).isEqualTo(3);
        assertThat(byKey(target, 1)).isEqualTo(3);
        assertThat(byKey(target, 7)).isZero();
        assertThat(BackupSteps.files(tableDirectory.resolve("shard-0")).stream().map(Path::toString)).anyMatch(f -> f.endsWith("Data.db"));
        assertThat(BackupSteps.files(tableDirectory.resolve("shard-1")).stream().map(Path::toString)).anyMatch(f -> f.endsWith("Data.db"));

        twoShards.restart();
        assertThat(rows(twoShards.session())).isEqualTo(expected);
    }

    @Test
    void staticRowsCollectionsAndRangeDeletionsComeAlong() throws Exception {
        CqlSession source = oneShard.session();
        source.execute("CREATE KEYSPACE IF NOT EXISTS shapes WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        source.execute("CREATE TABLE shapes.t (k int, c int, owner text static, tags map<text, int>, PRIMARY KEY (k, c))");
        for (int k = 0; k < 20; k++) {
            source.execute("UPDATE shapes.t SET owner = ? WHERE k = ?", "o" + k, k);
            for (int c = 0; c < 4; c++) source.execute("UPDATE shapes.t SET tags = tags + {'a': 1, 'b': 2} WHERE k = ? AND c = ?", k, c);
        }
        HttpPost.body(oneShard.apiPort(), "/storage/flush?keyspace=shapes");
        source.execute("DELETE FROM shapes.t WHERE k = 3 AND c >= 2"); // a range tombstone over flushed rows
        source.execute("DELETE tags['a'] FROM shapes.t WHERE k = 4 AND c = 0");
        source.execute("UPDATE shapes.t SET tags = {'z': 9} WHERE k = 5 AND c = 1"); // a collection tombstone, then a cell
        Map<String, String> expected = shapes(source);
        HttpPost.body(oneShard.apiPort(), "/storage_service/snapshots?tag=shapes&kn=shapes");
        Path snapshot = BackupSteps.snapshots(oneShard, "shapes", "t", "shapes").getFirst();

        CqlSession target = twoShards.session();
        target.execute("CREATE KEYSPACE IF NOT EXISTS shapes WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        BackupSteps.recreate(target, snapshot);
        BackupSteps.copyIntoUpload(snapshot, BackupSteps.tableDirectories(twoShards, "shapes", "t").getFirst());
        BackupSteps.refresh(twoShards, "shapes", "t");

        assertThat(shapes(target)).isEqualTo(expected).containsKey("5/1").doesNotContainKey("3/2");
        assertThat(expected.get("5/1")).endsWith("{z=9}");
        assertThat(expected.get("4/0")).endsWith("{b=2}");
    }

    @Test
    void theTablesMaterializedViewsFollowWhatARefreshLoads() throws Exception {
        String keyspace = "CREATE KEYSPACE IF NOT EXISTS viewed WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";
        CqlSession source = oneShard.session();
        source.execute(keyspace);
        source.execute("CREATE TABLE viewed.t (k int, c int, v int, w text, PRIMARY KEY (k, c))");
        for (int k = 0; k < 30; k++) source.execute("INSERT INTO viewed.t (k, c, v, w) VALUES (?, 1, ?, 'w') USING TIMESTAMP 1000", k, 100 + k);
        HttpPost.body(oneShard.apiPort(), "/storage_service/snapshots?tag=viewed&kn=viewed");
        Path snapshot = BackupSteps.snapshots(oneShard, "viewed", "t", "viewed").getFirst();

        CqlSession target = twoShards.session();
        target.execute(keyspace);
        BackupSteps.recreate(target, snapshot);
        target.execute("CREATE MATERIALIZED VIEW viewed.t_by_v AS SELECT * FROM viewed.t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL"
                + " PRIMARY KEY (v, k, c)");
        target.execute("INSERT INTO viewed.t (k, c, v) VALUES (0, 1, 7) USING TIMESTAMP 2000"); // newer than what is loaded
        BackupSteps.copyIntoUpload(snapshot, BackupSteps.tableDirectories(twoShards, "viewed", "t").getFirst());
        BackupSteps.refresh(twoShards, "viewed", "t");

        assertThat(target.execute("SELECT k, c FROM viewed.t_by_v WHERE v = 129").all()).hasSize(1);
        assertThat(target.execute("SELECT k FROM viewed.t_by_v WHERE v = 7").one().getInt(0)).isZero();
        assertThat(target.execute("SELECT * FROM viewed.t_by_v WHERE v = 100").all()).as("the older loaded value").isEmpty();
        assertThat(target.execute("SELECT * FROM viewed.t_by_v").all()).hasSize(30);
        assertThat(target.execute("SELECT writetime(w) FROM viewed.t_by_v WHERE v = 115").one().getLong(0)).isEqualTo(1000);
    }

    private static Map<String, String> shapes(CqlSession session) {
        Map<String, String> read = new TreeMap<>();
        for (Row row : session.execute("SELECT k, c, owner, tags FROM shapes.t")) {
            read.put(row.getInt(0) + "/" + row.getInt(1), row.getString(2) + "/" + new TreeMap<>(row.getMap(3, String.class, Integer.class)));
        }
        return read;
    }

    private static int byKey(CqlSession session, int sensor) {
        return session.execute("SELECT at FROM moved.readings WHERE sensor = ?", sensor).all().size();
    }

    private static Map<String, String> rows(CqlSession session) {
        Map<String, String> read = new TreeMap<>();
        for (Row row : session.execute("SELECT sensor, at, value, note FROM moved.readings")) {
            read.put(row.getInt(0) + "/" + row.getInt(1), row.getDouble(2) + "/" + row.getString(3));
        }
        return read;
    }
}
