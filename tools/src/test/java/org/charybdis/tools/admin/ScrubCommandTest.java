package org.charybdis.tools.admin;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import org.charybdis.server.testing.ChildServerProcess;
import org.charybdis.storage.testing.FileDamage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Corrupt SSTables on a server in a child JVM, as an operator meets them: reads that touch the file fail with
 * ReadFailure and the log names the file once; {@code charybdis admin scrub} rewrites what can be read and keeps
 * the damaged originals in quarantine; {@code disk_failure_policy} best_effort quarantines a corrupt SSTable by
 * itself and serves the rest, stop_paranoid disconnects the clients and keeps the REST API up.
 */
class ScrubCommandTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final int ROWS = 2000;

    @TempDir
    Path dir;

    @Test
    void scrubRewritesWhatCanBeReadAndQuarantinesTheDamagedFiles() throws Exception {
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), Map.of(), START)) {
            createAndFill(child, "t");
            List<Path> damaged = dataFiles(child, "t");
            assertThat(damaged).hasSize(2); // one per shard
            for (Path file : damaged) FileDamage.flipSixteenBytesInTheMiddle(file);

            try (CqlSession session = child.session()) {
                for (int i = 0; i < 3; i++) {
                    assertThatThrownBy(() -> session.execute("SELECT count(*) FROM ks.t").one()).isInstanceOf(ReadFailureException.class);
                }
            }
            assertThat(count(child.output(), "Corrupted SSTable file")).as("logged once per file").isBetween(1, 2);
            assertThat(child.output()).doesNotContain("CorruptSSTableException"); // no stack trace

            AdminCommandTest.Outcome scrub = AdminCommandTest.charybdis("admin", "--api-port=" + child.apiPort(), "scrub", "ks", "t");
            assertThat(scrub.exitCode()).as(scrub.err()).isZero();
            Matcher summary = Pattern.compile("Scrubbed 2 SSTables \\(skip\\): (\\d+) partitions intact, (\\d+) corrupt, 2 SSTables quarantined")
                    .matcher(scrub.out());
            assertThat(summary.find()).as(scrub.out()).isTrue();
            int intact = Integer.parseInt(summary.group(1));
            assertThat(ROWS - intact).isEqualTo(Integer.parseInt(summary.group(2))).isBetween(1, ROWS / 10); // the partitions of the damaged chunks

            assertThat(readAll(child, "t")).hasSize(intact);
            for (Path file : damaged) assertThat(file.resolveSibling("quarantine").resolve(file.getFileName())).exists();

            child.kill();
            child.restart(START);
            assertThat(readAll(child, "t")).hasSize(intact);
            System.out.printf("scrub: %d of %d rows intact after 16 bytes flipped in each of 2 Data.db files%n", intact, ROWS);
        }
    }

    @Test
    void bestEffortQuarantinesACorruptSSTableAndServesTheRest() throws Exception {
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), Map.of("disk_failure_policy", "best_effort"), START)) {
            createAndFill(child, "t");
            List<Path> first = dataFiles(child, "t");
            try (CqlSession session = child.session()) {
                PreparedStatement insert = session.prepare("INSERT INTO ks.t (k, v) VALUES (?, ?)");
                for (int k = ROWS; k < ROWS + 100; k++) session.execute(insert.bind(k, value(k)));
            }
            assertThat(AdminCommandTest.charybdis("admin", "--api-port=" + child.apiPort(), "flush").exitCode()).isZero();
            for (Path file : first) FileDamage.flipSixteenBytesInTheMiddle(file);

            int failedReads = 0;
            try (CqlSession session = child.session()) {
                // each read that meets a corrupt SSTable fails and quarantines it; then the rest is served
                while (true) {
                    try {
                        assertThat(session.execute("SELECT count(*) FROM ks.t").one().getLong(0)).isEqualTo(100);
                        break;
                    } catch (ReadFailureException e) {
                        assertThat(++failedReads).as("reads failed").isLessThanOrEqualTo(first.size());
                        Thread.sleep(200); // the quarantine runs on the owning shard, after the failed read answered
                    }
                }
            }
            assertThat(failedReads).isBetween(1, first.size());
            awaitQuarantined(child, first);
            Map<Integer, String> rows = readAll(child, "t");
            assertThat(rows.keySet()).allSatisfy(k -> assertThat(k).isGreaterThanOrEqualTo(ROWS)).hasSize(100);
            assertThat(child.output()).contains("Quarantining it (disk_failure_policy: best_effort)");

            child.kill(); // the quarantined files stay out of the table
            child.restart(START);
            assertThat(readAll(child, "t")).hasSize(100);
        }
    }

    @Test
    void stopParanoidDisconnectsTheClientsAndKeepsTheRestApi() throws Exception {
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), Map.of("disk_failure_policy", "stop_paranoid"), START)) {
            createAndFill(child, "t");
            for (Path file : dataFiles(child, "t")) FileDamage.flipSixteenBytesInTheMiddle(file);

            try (CqlSession session = child.session()) {
                assertThatThrownBy(() -> session.execute("SELECT count(*) FROM ks.t").one()).isInstanceOf(ReadFailureException.class);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean refused = false;
            while (!refused && System.nanoTime() < deadline) {
                try (CqlSession ignored = child.session()) {
                    Thread.sleep(100);
                } catch (AllNodesFailedException e) {
                    refused = true;
                }
            }
            assertThat(refused).as("new clients are refused").isTrue();
            assertThat(child.isAlive()).isTrue();
            HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + child.apiPort() + "/storage/compactionstats")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(child.output()).contains("Stopping client transports (disk_failure_policy: stop_paranoid)");
        }
    }

    private static void createAndFill(ChildServerProcess child, String table) {
        try (CqlSession session = child.session()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE ks." + table + " (k int PRIMARY KEY, v text)");
            PreparedStatement insert = session.prepare("INSERT INTO ks." + table + " (k, v) VALUES (?, ?)");
            for (int k = 0; k < ROWS; k++) session.execute(insert.bind(k, value(k)));
        }
        AdminCommandTest.Outcome flush = AdminCommandTest.charybdis("admin", "--api-port=" + child.apiPort(), "flush", "ks", table);
        assertThat(flush.exitCode()).as(flush.err()).isZero();
    }

    /** Every row, each checked against the value written. */
    private static Map<Integer, String> readAll(ChildServerProcess child, String table) {
        Map<Integer, String> rows = new HashMap<>();
        try (CqlSession session = child.session()) {
            for (Row row : session.execute("SELECT k, v FROM ks." + table)) {
                assertThat(row.getString("v")).isEqualTo(value(row.getInt("k")));
                rows.put(row.getInt("k"), row.getString("v"));
            }
        }
        return rows;
    }

    private static String value(int k) {
        return Integer.toHexString(k * 0x9E3779B1).repeat(60) + k;
    }

    private static void awaitQuarantined(ChildServerProcess child, List<Path> files) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!files.stream().allMatch(f -> Files.exists(f.resolveSibling("quarantine").resolve(f.getFileName())))) {
            if (System.nanoTime() > deadline) throw new AssertionError("not quarantined: " + files + "; output:\n" + child.output());
            Thread.sleep(50);
        }
    }

    private static List<Path> dataFiles(ChildServerProcess child, String table) throws IOException {
        try (Stream<Path> files = Files.walk(child.workdir().resolve("data"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("Data.db") && f.toString().contains("/" + table + "-"))
                    .filter(f -> !f.getParent().getFileName().toString().equals("quarantine")).sorted().toList();
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) n++;
        return n;
    }
}
