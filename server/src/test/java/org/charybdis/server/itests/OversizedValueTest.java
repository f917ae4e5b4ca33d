package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.ChildServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A value over native_transport_max_frame_size_in_mb, sent by the Java driver to a server in a child JVM: the
 * write is answered InvalidRequest on the open connection (as Cassandra does), the same session goes on at
 * once, the server stays up and every acknowledged write is there after a kill and restart.
 */
class OversizedValueTest {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void anOversizedValueIsRefusedAndTheSessionGoesOn() throws Exception {
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"),
                Map.of("native_transport_max_frame_size_in_mb", "1", "commitlog_sync", "batch"), START)) {
            try (CqlSession session = child.session()) {
                session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TABLE ks.blobs (k int PRIMARY KEY, v blob)");
                PreparedStatement insert = session.prepare("INSERT INTO ks.blobs (k, v) VALUES (?, ?)");
                for (int k = 0; k < 50; k++) {
                    session.execute(insert.bind(k, ByteBuffer.wrap(new byte[10_000])));
                    if (k % 10 == 0) {
                        int key = k;
                        assertThatThrownBy(() -> session.execute(insert.bind(1000 + key, ByteBuffer.wrap(new byte[2 << 20]))))
                                .isInstanceOf(InvalidQueryException.class)
                                .hasMessageContaining("exceeds maximum allowed length 1048576");
                    }
                }
                assertThat(session.execute("SELECT count(*) FROM ks.blobs").one().getLong(0)).isEqualTo(50);
            }
            child.kill();
            child.restart(START);
            try (CqlSession session = child.session()) {
                assertThat(session.execute("SELECT count(*) FROM ks.blobs").one().getLong(0)).isEqualTo(50);
            }
        }
    }
}
