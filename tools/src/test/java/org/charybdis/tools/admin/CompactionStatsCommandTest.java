package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The nodetool-like layout of compactionstats, from canned admin API answers. */
class CompactionStatsCommandTest {
    @Test
    void printsPendingTasksPerTableAndAnAlignedTableOfActiveCompactions() throws IOException {
        String out = print("""
                {"pending_tasks": 3,
                 "pending_by_table": [{"keyspace": "ks", "table": "events", "pending_tasks": 2},
                                      {"keyspace": "ks", "table": "users", "pending_tasks": 1}],
                 "active_compactions": [
                   {"id": "a1b2", "kind": "Compaction", "keyspace": "ks", "table": "events", "completed": 282310680,
                    "total": 302170540, "unit": "bytes", "progress": 93.4276},
                   {"id": "c3", "kind": "Major", "keyspace": "ks", "table": "users", "completed": 5, "total": 20,
                    "unit": "bytes", "progress": 25.0}]}
                """);

        assertThat(out).isEqualTo("""
                pending tasks: 3
                - ks.events: 2
                - ks.users: 1

                id   compaction type keyspace table  completed total     unit  progress
                a1b2 Compaction      ks       events 282310680 302170540 bytes 93.43%
                c3   Major           ks       users  5         20        bytes 25.00%
                """);
    }

    @Test
    void noCompactionsIsJustTheCount() throws IOException {
        assertThat(print("{\"pending_tasks\": 0, \"pending_by_table\": [], \"active_compactions\": []}"))
                .isEqualTo("pending tasks: 0\n");
    }

    private static String print(String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CompactionStatsCommand().print(new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
