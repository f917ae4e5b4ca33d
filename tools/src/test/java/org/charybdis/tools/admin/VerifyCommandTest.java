package org.charybdis.tools.admin;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.storage.sstable.SSTableFiles;
import org.charybdis.storage.testing.FileDamage;
import org.charybdis.tools.admin.AdminCommandTest.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code charybdis admin verify} against a running node: a byte flipped in a flushed SSTable's Data.db is found, the
 * file named, the SSTable quarantined, and the node goes on serving the other SSTables.
 */
class VerifyCommandTest {
    private static final int FIRST = 2000;
    private static final int SECOND = 100;

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void twoFlushes() {
        session = server.session();
        session.execute("CREATE KEYSPACE verified WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE verified.t (k int PRIMARY KEY, v text)");
        session.execute("CREATE TABLE verified.intact (k int PRIMARY KEY, v text)");
        assertThat(admin("disableautocompaction", "verified").exitCode()).isZero(); // the flushes stay apart
        fill("t", 0, FIRST);
        fill("intact", 0, 10);
        assertThat(admin("flush", "verified").exitCode()).isZero();
        fill("t", FIRST, SECOND);
        assertThat(admin("flush", "verified", "t").exitCode()).isZero();
    }

    @Test
    void aFlippedByteIsFoundNamedAndQuarantinedWhileTheRestIsServed() throws IOException {
        Path damaged = firstDataFileOfShardZero();
        FileDamage.flipSixteenBytesInTheMiddle(damaged);

        Outcome verify = admin("verify", "verified", "t");

        assertThat(verify.exitCode()).as("corruption found").isEqualTo(1);
        assertThat(verify.out()).contains("Corrupt SSTable " + damaged + " (quarantined): Corrupted SSTable file " + damaged)
                .contains("checksum mismatch")
                .containsPattern("Verified [3-4] SSTables: 1 corrupt, moved to quarantine");
        assertThat(damaged.resolveSibling(SSTableFiles.QUARANTINE_DIRECTORY).resolve(damaged.getFileName())).exists();
        assertThat(damaged).doesNotExist();

        assertThat(admin("status").exitCode()).isZero();
        PreparedStatement read = session.prepare("SELECT v FROM verified.t WHERE k = ?");
        for (int k = FIRST; k < FIRST + SECOND; k++) {
            assertThat(session.execute(read.bind(k)).one()).as("key %d of the second flush", k).isNotNull();
        }
        long left = session.execute("SELECT count(*) FROM verified.t").one().getLong(0);
        assertThat(left).isGreaterThanOrEqualTo(FIRST / 4 + SECOND).isLessThan(FIRST + SECOND); // shard 0's first flush is gone

        Outcome again = admin("verify", "verified", "t");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).containsPattern("Verified [2-3] SSTables: every checksum matches");
    }

    @Test
    void intactTablesVerifyCleanAndUnknownOnesAreRefused() {
        Outcome verify = admin("verify", "verified", "intact");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).containsPattern("Verified [12] SSTables: every checksum matches");

        Outcome unknown = admin("verify", "verified", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Table 'verified.nope' does not exist");
    }

    private static Outcome admin(String... args) {
        return AdminCommandTest.admin(server.apiPort(), args);
    }

    private static void fill(String table, int from, int count) {
        PreparedStatement insert = session.prepare("INSERT INTO verified." + table + " (k, v) VALUES (?, ?)");
        for (int k = from; k < from + count; k++) session.execute(insert.bind(k, Integer.toHexString(k * 0x9E3779B1).repeat(60) + k));
    }

    /** The Data.db of the first flush on shard 0: the lower generation of the two there. */
    private static Path firstDataFileOfShardZero() throws IOException {
        try (Stream<Path> files = Files.walk(server.workdir().resolve("data").resolve("verified"))) {
            List<Path> shardZero = files.filter(f -> f.toString().contains("/t-") && f.getParent().getFileName().toString().equals("shard-0"))
                    .filter(f -> f.getFileName().toString().endsWith("-Data.db"))
                    .sorted(Comparator.comparingLong(f -> SSTableFiles.parse(f.getFileName().toString()).generation())).toList();
            assertThat(shardZero).hasSize(2);
            return shardZero.getFirst();
        }
    }
}
