package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** listsnapshots' layout from the snapshot route's answer (ScyllaDB's shape). */
class ListSnapshotsCommandTest {
    @Test
    void printsEachSnapshotsTablesAndTheTotalTrueSize() throws IOException {
        String out = print("""
                [{"key": "nightly", "value": [{"ks": "ks", "cf": "events", "total": 2048, "live": 512},
                                              {"ks": "ks", "cf": "users", "total": 100, "live": 0}]},
                 {"key": "1700000000000", "value": [{"ks": "other", "cf": "t", "total": 3145728, "live": 1048576}]}]
                """);

        assertThat(out).isEqualTo("""
                Snapshot Details:\s
                Snapshot name Keyspace name Column family name True size Size on disk
                nightly       ks            events             512 bytes 2.00 KiB
                nightly       ks            users              0 bytes   100 bytes
                1700000000000 other         t                  1.00 MiB  3.00 MiB

                Total TrueDiskSpaceUsed: 1.00 MiB

                """);
    }

    @Test
    void saysWhenThereAreNone() throws IOException {
        assertThat(print("[]")).isEqualTo("Snapshot Details: \nThere are no snapshots\n");
    }

    private static String print(String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ListSnapshotsCommand().print(new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
