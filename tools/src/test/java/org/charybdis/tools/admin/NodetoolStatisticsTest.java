package org.charybdis.tools.admin;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.tools.admin.AdminCommandTest.charybdis;

/** tablestats, tablehistograms, proxyhistograms and toppartitions after reads and writes through the driver. */
class NodetoolStatisticsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    private static final int WRITES = 30;
    private static final int READS = 7;

    @BeforeAll
    static void writeAndRead() {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE stats_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE stats_ks.kv (k int PRIMARY KEY, v text)");
        session.execute("CREATE TABLE stats_ks.hot (k text PRIMARY KEY, v int)");
        PreparedStatement insert = session.prepare("INSERT INTO stats_ks.kv (k, v) VALUES (?, ?)");
        for (int k = 0; k < WRITES; k++) session.execute(insert.bind(k, "value-" + k));
        assertThat(charybdis("admin", "-p", port(), "flush", "stats_ks", "kv").exitCode()).isZero();
        PreparedStatement select = session.prepare("SELECT v FROM stats_ks.kv WHERE k = ?");
        for (int k = 0; k < READS; k++) assertThat(session.execute(select.bind(k)).one().getString("v")).isEqualTo("value-" + k);
    }

    @Test
    void tablestatsAndItsCfstatsAliasCountTheTablesReadsAndWrites() {
        for (String command : new String[] {"tablestats", "cfstats"}) {
            AdminCommandTest.Outcome outcome = charybdis("admin", "-p", port(), command, "stats_ks.kv");

            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            assertThat(outcome.out()).containsPattern("(?m)^\\t\\tTable: kv$")
                    .containsPattern("(?m)^\\t\\tLocal write count: " + WRITES + "$")
                    .containsPattern("(?m)^\\t\\tLocal write latency: [0-9]+\\.[0-9]{3} ms$")
                    .containsPattern("(?m)^\\t\\tLocal read count: " + READS + "$")
                    .containsPattern("(?m)^\\t\\tSSTable count: [1-9]");
        }
    }

    @Test
    void tablehistogramsShowsPercentilesOfTheTable() {
        AdminCommandTest.Outcome outcome = charybdis("admin", "-p", port(), "tablehistograms", "stats_ks", "kv");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        String out = outcome.out();
        assertThat(out).containsPattern("(?m)^stats_ks/kv histograms$")
                .containsPattern("(?m)^Percentile\\s+Read Latency\\s+Write Latency\\s+SSTables\\s+Partition Size\\s+Cell Count$")
                .containsPattern("(?m)^\\s+\\(micros\\)\\s+\\(micros\\)\\s+\\(bytes\\)$");
        for (String row : new String[] {"50%", "75%", "95%", "98%", "99%", "Min", "Max"}) {
            assertThat(out).containsPattern("(?m)^" + row + "\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9]+\\s+[0-9]+$");
        }
        // every read touched the one flushed SSTable; partitions of the SSTable have a size and 1 cell each
        assertThat(column(out, "Max", 3)).isEqualTo(1.0);
        assertThat(column(out, "50%", 4)).isPositive();
        assertThat(column(out, "50%", 5)).isBetween(1.0, 2.0);
        assertThat(column(out, "Max", 1)).isPositive();
        assertThat(column(out, "Max", 2)).isPositive();

        AdminCommandTest.Outcome dotted = charybdis("admin", "-p", port(), "cfhistograms", "stats_ks.kv");
        assertThat(dotted.exitCode()).as(dotted.err()).isZero();
        assertThat(dotted.out()).containsPattern("(?m)^stats_ks/kv histograms$");
    }

    @Test
    void tablehistogramsOfAnUnknownTableSaysSo() {
        AdminCommandTest.Outcome outcome = charybdis("admin", "-p", port(), "tablehistograms", "stats_ks.nope");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("Table 'stats_ks.nope' does not exist");
    }

    @Test
    void proxyhistogramsShowsTheCoordinatorsLatencies() {
        AdminCommandTest.Outcome outcome = charybdis("admin", "-p", port(), "proxyhistograms");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("(?m)^proxy histograms$")
                .containsPattern("(?m)^Percentile\\s+Read Latency\\s+Write Latency\\s+Range Latency$");
        assertThat(column(outcome.out(), "Max", 1)).isPositive();
        assertThat(column(outcome.out(), "Max", 2)).isPositive();
        assertThat(column(outcome.out(), "50%", 1)).isLessThanOrEqualTo(column(outcome.out(), "Max", 1));
    }

    @Test
    void toppartitionsNamesTheHotKey() throws Exception {
        CqlSession session = server.session();
        PreparedStatement insert = session.prepare("INSERT INTO stats_ks.hot (k, v) VALUES (?, ?)");
        CompletableFuture<AdminCommandTest.Outcome> sampling = CompletableFuture.supplyAsync(
                () -> charybdis("admin", "-p", port(), "toppartitions", "stats_ks", "hot", "2000"));
        for (int i = 0; !sampling.isDone(); i++) {
            session.execute(insert.bind("hot-key", i));
            if (i % 4 == 0) session.execute(insert.bind("cold-" + i, i));
        }
        AdminCommandTest.Outcome outcome = sampling.get();

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("WRITES Sampler:").contains("READS Sampler:")
                .containsPattern("(?m)^  Cardinality: ~[1-9][0-9]* \\(256 capacity\\)$")
                .containsPattern("(?m)^  Top 10 partitions:$")
                .containsPattern("(?m)^\\tPartition\\s+Count\\s+\\+/-$")
                .containsPattern("(?m)^\\t'hot-key'\\s+[1-9][0-9]*\\s+0$")
                .contains("\tNothing recorded during sampling period...");
        // the hot key heads the writes
        Matcher first = Pattern.compile("(?m)^\\tPartition.*\\R\\t(\\S+)").matcher(outcome.out());
        assertThat(first.find()).isTrue();
        assertThat(first.group(1)).isEqualTo("'hot-key'");
    }

    @Test
    void toppartitionsRefusesAnUnknownSampler() {
        AdminCommandTest.Outcome outcome = charybdis("admin", "-p", port(), "toppartitions", "-a", "SCANS", "stats_ks", "hot", "10");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("Unknown sampler 'SCANS'");
    }

    @Test
    void theToppartitionsRouteSaysWhatIsMissingOrWrong() {
        var noTable = HttpGet.get(server.apiPort(), "/storage_service/toppartitions/?duration=10");
        assertThat(noTable.statusCode()).isEqualTo(400);
        assertThat(noTable.body()).contains("Name the tables to sample: table_filters=keyspace:table or keyspace_filters=keyspace");

        var badDuration = HttpGet.get(server.apiPort(), "/storage_service/toppartitions/?table_filters=stats_ks:hot&duration=soon");
        assertThat(badDuration.statusCode()).isEqualTo(400);
        assertThat(badDuration.body()).contains("Invalid duration 'soon': use a whole number from 1 to 600000");
    }

    /** The number in a histogram table's row (by its label) and column (1: the first after the label). */
    private static double column(String table, String row, int column) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(row) + "\\s+(.*)$").matcher(table);
        assertThat(line.find()).as("row " + row + " in\n" + table).isTrue();
        return Double.parseDouble(line.group(1).trim().split("\\s+")[column - 1]);
    }

    private static String port() {
        return Integer.toString(server.apiPort());
    }
}
