package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.charybdis.server.testing.ChildServerProcess;
import org.charybdis.server.testing.WritesUntilKilled;
import org.charybdis.server.trigger.TriggerJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write and its trigger's mutations never part: a child server with two shards and {@code commitlog_sync: batch} runs
 * a trigger copying each row of ks.t to another partition of ks.t_copy (on the other shard for about half the keys),
 * takes updates and deletions, and is killed with SIGKILL at a random moment. After each restart the copy holds exactly
 * the base's rows, acknowledged or not: the trigger's mutations are in the write's commitlog entry, those of other
 * shards as forwarded updates sent there again after the replay.
 */
class TriggerCrashTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final int KEYS = 300;
    private static final int COPY_OFFSET = 100_000;

    private static final String COPY_TRIGGER = """
            package com.example;

            import java.util.ArrayList;
            import java.util.List;
            import org.charybdis.server.trigger.*;

            public class Copy implements Trigger {
                @Override
                public List<TriggerMutation> augment(PartitionWrite write) {
                    int k = (Integer) write.partitionKey().get("k") + %d;
                    List<TriggerMutation> copy = new ArrayList<>();
                    if (write.partitionDeletion()) copy.add(TriggerMutation.delete("ks", "t_copy").set("k", k));
                    for (PartitionWrite.RowWrite row : write.rows()) {
                        if (row.deleted()) copy.add(TriggerMutation.delete("ks", "t_copy").set("k", k));
                        else if (row.values().containsKey("v")) copy.add(TriggerMutation.upsert("ks", "t_copy").set("k", k).set("v", row.values().get("v")));
                    }
                    return copy;
                }
            }
            """.formatted(COPY_OFFSET);

    @TempDir
    Path dir;

    @Test
    void baseAndTriggerWritesAgreeAfterKills() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        Path triggers = Files.createDirectories(dir.resolve("triggers"));
        TriggerJar.build(triggers.resolve("copy.jar"), "com.example.Copy", COPY_TRIGGER);
        Map<String, String> options = Map.of("commitlog_sync", "batch", "commitlog_sync_batch_window_in_ms", "1", "memory", "110M",
                "commitlog_segment_size_in_mb", "2", "triggers_dir", triggers.toString());
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), options, START)) {
            try (CqlSession session = child.session()) {
                session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v int)");
                session.execute("CREATE TABLE ks.t_copy (k int PRIMARY KEY, v int)");
                session.execute("CREATE TRIGGER copy ON ks.t USING 'com.example.Copy'");
            }
            for (int round = 0; round < 3; round++) {
                writeUntilKilled(child, random);
                child.restart(START);
                verify(child, round);
            }
        }
    }

    private static void writeUntilKilled(ChildServerProcess child, SplittableRandom random) throws InterruptedException {
        WritesUntilKilled.run(child, random, (session, i) -> {
            int key = random.nextInt(KEYS);
            return i % 11 == 0 ? SimpleStatement.newInstance("DELETE FROM ks.t WHERE k = ?", key)
                    : SimpleStatement.newInstance("UPDATE ks.t SET v = ? WHERE k = ?", random.nextInt(1000), key);
        });
    }

    private static void verify(ChildServerProcess child, int round) {
        try (CqlSession session = child.session()) {
            Map<Integer, Integer> base = new TreeMap<>();
            for (Row row : session.execute("SELECT k, v FROM ks.t")) base.put(row.getInt("k"), row.getInt("v"));
            Map<Integer, Integer> copy = new TreeMap<>();
            for (Row row : session.execute("SELECT k, v FROM ks.t_copy")) copy.put(row.getInt("k") - COPY_OFFSET, row.getInt("v"));
            assertThat(base).as("round %d wrote nothing before the kill", round).isNotEmpty();
            assertThat(copy).as("the trigger's copy after kill -9 in round %d", round).isEqualTo(base);
            System.out.printf("trigger crash round %d: %d base rows, copy in step%n", round, base.size());
        }
    }
}
