package org.charybdis.tools.top;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.tools.admin.AdminCommandTest;
import org.charybdis.tools.admin.AdminCommandTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code charybdis top}: frames of the live console's figures while a load runs, as a script reads them (batch mode). */
class TopCommandTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void framesShowTheWritesCommitlogIoAndLatencyOfARunningLoad() throws Exception {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS top WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS top.t (k int PRIMARY KEY, v text)");
        PreparedStatement insert = session.prepare("INSERT INTO top.t (k, v) VALUES (?, ?)");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = Thread.ofVirtual().start(() -> {
            for (int k = 0; running.get(); k++) session.execute(insert.bind(k, "value " + k));
        });
        Outcome top;
        try {
            top = charybdis("top", "--batch", "--iterations", "3", "--delay", "1s");
        } finally {
            running.set(false);
            load.join();
        }
        assertThat(top.exitCode()).as(top.err()).isZero();
        String out = top.out();
        String[] frames = out.substring(Math.max(0, out.indexOf("charybdis top - "))).split("(?m)^(?=charybdis top - )"); // after any log line
        assertThat(frames).hasSize(3);
        for (String frame : frames) {
            assertThat(frame).contains("127.0.0.1:" + server.apiPort()).contains("  node, 2 shards, interval ");
            assertThat(frame).containsPattern("(?m)^IO class +read/s +read MiB/s");
            assertThat(frame).containsPattern("(?m)^Scheduling group +CPU +queue +shares$");
            assertThat(frame).containsPattern("(?m)^statement +\\d+% ");
        }
        // every frame covers a second of the load: the commitlog wrote and the default level answered
        String last = frames[2];
        assertThat(Double.parseDouble(column(last, "commitlog", 6))).as("commitlog write/s in%n%s", last).isPositive();
        assertThat(Double.parseDouble(column(last, "default", 1))).as("default level requests/s in%n%s", last).isPositive();
        assertThat(Double.parseDouble(column(last, "default", 3))).as("default level p99 ms").isPositive();
    }

    @Test
    void oneShardsFiguresOrAClearRefusalForAShardTheNodeDoesNotHave() {
        Outcome one = charybdis("top", "--batch", "-n", "1", "--shard", "1");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("  shard 1 of 2, interval ");

        Outcome missing = charybdis("top", "--batch", "-n", "1", "--shard", "7");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("charybdis top: --shard 7: the node has shards 0 to 1");

        Outcome badDelay = charybdis("top", "-n", "1", "--delay", "soon");
        assertThat(badDelay.exitCode()).isEqualTo(2);
        assertThat(badDelay.err()).contains("--delay: not a duration: 'soon'");
    }

    @Test
    void aNodeThatDoesNotAnswerIsNamed() {
        Outcome nobody = AdminCommandTest.charybdis("top", "--api-port=1", "-n", "1");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.err()).contains("cannot reach the admin API at 127.0.0.1:1");
    }

    /** The cell in {@code column} (0: the name) of the row starting with {@code name}; cells are two spaces or more apart. */
    private static String column(String frame, String name, int column) {
        List<String> row = frame.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Arrays.asList(line.split(" {2,}"))).orElseThrow(() -> new AssertionError("no " + name + " row in\n" + frame));
        return row.get(column).replace("%", "");
    }

    private static Outcome charybdis(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--api-port=" + server.apiPort();
        return AdminCommandTest.charybdis(all);
    }
}
