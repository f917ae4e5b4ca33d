package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The nodetool-like layout of tablestats, from a canned admin API answer. */
class TableStatsCommandTest {
    private static final String ANSWER = """
            {"tables": [
              {"keyspace": "ks", "table": "events", "sstable_count": 3, "space_used_live": 9592399, "memtable_data_size": 4128083,
               "memtable_switch_count": 7, "pending_flushes": 1, "pending_compactions": 2, "partitions_estimate": 26829,
               "local_read_count": 10, "average_sstables_per_read": 1.5, "local_read_latency_ms": 0.0426,
               "local_write_count": 31, "local_write_latency_ms": 0.0126},
              {"keyspace": "ks", "table": "users", "sstable_count": 0, "space_used_live": 0, "memtable_data_size": 120,
               "memtable_switch_count": 0, "pending_flushes": 0, "pending_compactions": 0, "partitions_estimate": 4,
               "local_read_count": 5, "average_sstables_per_read": 0.0},
              {"keyspace": "other", "table": "t", "sstable_count": 1, "space_used_live": 10, "memtable_data_size": 0,
               "memtable_switch_count": 1, "pending_flushes": 0, "pending_compactions": 0, "partitions_estimate": 1,
               "local_read_count": 0, "average_sstables_per_read": 0.0}
            ]}
            """;

    @Test
    void printsKeyspaceTotalsThenEachTable() throws IOException {
        String out = print(ANSWER);

        assertThat(out).startsWith("Total number of tables: 3\n----------------\nKeyspace : ks\n\tRead Count: 15\n"
                + "\tRead Latency: 0.028 ms\n\tWrite Count: 31\n\tWrite Latency: 0.013 ms\n\tPending Flushes: 1\n");
        assertThat(out).contains("""
                \t\tTable: events
                \t\tSSTable count: 3
                \t\tSpace used (live): 9592399
                \t\tNumber of partitions (estimate): 26829
                \t\tMemtable data size: 4128083
                \t\tMemtable switch count: 7
                \t\tLocal read count: 10
                \t\tLocal read latency: 0.043 ms
                \t\tLocal write count: 31
                \t\tLocal write latency: 0.013 ms
                \t\tPending flushes: 1
                \t\tPending compactions: 2
                \t\tAverage SSTables per read: 1.50

                \t\tTable: users
                """);
        assertThat(out).contains("Keyspace : other\n\tRead Count: 0\n\tRead Latency: NaN ms\n\tWrite Count: 0\n\tWrite Latency: NaN ms\n"
                + "\tPending Flushes: 0\n\t\tTable: t\n");
        assertThat(out).endsWith("\n----------------\n");
    }

    @Test
    void noTablesStillPrintsTheTotal() throws IOException {
        assertThat(print("{\"tables\": []}")).isEqualTo("Total number of tables: 0\n----------------\n");
    }

    private static String print(String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TableStatsCommand().print(new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
