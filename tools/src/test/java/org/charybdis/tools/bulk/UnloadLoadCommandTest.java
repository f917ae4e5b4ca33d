package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.data.CqlVector;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.tools.testing.CharybdisCli;
import org.charybdis.tools.testing.EveryCqlType;
import org.charybdis.tools.testing.FormattedRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code charybdis unload} then {@code charybdis load} into a fresh table gives back every value of every CQL type. */
class UnloadLoadCommandTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    private static final String EDGE_TEXT = "comma, \"quotes\"\nnew line\r\nand\ttab";
    private static CqlSession session;

    @BeforeAll
    static void createData() {
        session = server.session();
        EveryCqlType.createKeyspace(session, "bulk");
        EveryCqlType.createTable(session, "bulk", "every");
        for (int p = 0; p < 10; p++) {
            for (int r = 0; r < 3; r++) session.execute(EveryCqlType.insert("bulk", "every", p, r, ""));
        }
        session.execute("INSERT INTO bulk.every (pk, pk2, st) VALUES (100, 'statics only', 'alone')");
        session.execute(session.prepare("INSERT INTO bulk.every (pk, pk2, ck1, ck2, t, a, b, db, f, de, vc, m, du, v, vi)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(101, EDGE_TEXT, EveryCqlType.timeUuid(101, 0), -1L, EDGE_TEXT, " padded ", ByteBuffer.allocate(0), Double.NaN,
                        Float.NEGATIVE_INFINITY, new BigDecimal("-1.000E-7"), "", Map.of("key, with \"quotes\"", 1),
                        CqlDuration.from("-1mo2d3ns"), CqlVector.newInstance(Float.MIN_VALUE, -0.0f, Float.MAX_VALUE),
                        new java.math.BigInteger("-98765432109876543210987654321")));
        session.execute("CREATE TABLE bulk.hits (page text, day date, views counter, PRIMARY KEY (page, day))");
        for (int p = 0; p < 10; p++) session.execute("UPDATE bulk.hits SET views = views + " + (p * 7 - 3) + " WHERE page = '/p" + p + "' AND day = '2024-02-0" + (p % 9 + 1) + "'");
    }

    @Test
    void csvRoundTripOfEveryTypeIsExact(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("every.csv");
        CharybdisCli.Outcome unload = bulk("unload", "-k", "bulk", "-t", "every", "-url", csv.toString());
        assertThat(unload.exitCode()).as(unload.all()).isZero();
        assertThat(unload.err()).contains("unloaded 32 rows of bulk.every to " + csv);
        String text = Files.readString(csv);
        assertThat(text).startsWith("pk,pk2,ck1,ck2,").contains("2024-05-06T07:08:09.001Z", "\"[1,0,3]\"", "AAAAAA==", "\"" + EDGE_TEXT.replace("\"", "\"\"") + "\"");

        EveryCqlType.createTable(session, "bulk", "every_csv");
        CharybdisCli.Outcome load = bulk("load", "-k", "bulk", "-t", "every_csv", "-url", csv.toString());
        assertThat(load.exitCode()).as(load.all()).isZero();
        assertThat(load.err()).contains("loaded 32 records into bulk.every_csv");

        assertThat(FormattedRows.of(session, "SELECT * FROM bulk.every_csv")).isEqualTo(FormattedRows.of(session, "SELECT * FROM bulk.every"));
    }

    @Test
    void jsonRoundTripThroughADirectoryIsExact(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("export");
        CharybdisCli.Outcome unload = bulk("unload", "-k", "bulk", "-t", "every", "-c", "json", "-url", out + "/");
        assertThat(unload.exitCode()).as(unload.all()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("output-000001.json"));
        assertThat(lines).hasSize(32).allMatch(line -> line.startsWith("{\"pk\":") && line.endsWith("}"));
        assertThat(String.join("\n", lines)).contains("\"db\":\"NaN\"", "\"f\":\"-Infinity\"", "\"de\":-1.000E-7");

        EveryCqlType.createTable(session, "bulk", "every_json");
        CharybdisCli.Outcome load = bulk("load", "-k", "bulk", "-t", "every_json", "-c", "json", "-url", out.toString());
        assertThat(load.exitCode()).as(load.all()).isZero();

        assertThat(FormattedRows.of(session, "SELECT * FROM bulk.every_json")).isEqualTo(FormattedRows.of(session, "SELECT * FROM bulk.every"));
    }

    @Test
    void csvWithoutHeaderAndAnotherDelimiterRoundTripsACounterTable(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("hits.csv");
        CharybdisCli.Outcome unload = bulk("unload", "-k", "bulk", "-t", "hits", "-url", csv.toString(), "-header", "false", "-delim", "|");
        assertThat(unload.exitCode()).as(unload.all()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(10).contains("/p3|2024-02-04|18");

        session.execute("CREATE TABLE bulk.hits_copy (page text, day date, views counter, PRIMARY KEY (page, day))");
        CharybdisCli.Outcome load = bulk("load", "-k", "bulk", "-t", "hits_copy", "-url", csv.toString(), "-header", "false", "-delim", "|");
        assertThat(load.exitCode()).as(load.all()).isZero();

        assertThat(FormattedRows.of(session, "SELECT * FROM bulk.hits_copy")).isEqualTo(FormattedRows.of(session, "SELECT * FROM bulk.hits"));
    }

    @Test
    void aBadValueStopsTheLoadNamingTheFileLineAndColumn(@TempDir Path dir) throws IOException {
        session.execute("CREATE TABLE bulk.small (k int PRIMARY KEY, v int)");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "k,v\n1,10\n2,twenty\n3,30\n");

        CharybdisCli.Outcome load = bulk("load", "-k", "bulk", "-t", "small", "-url", csv.toString());

        assertThat(load.exitCode()).isEqualTo(1);
        assertThat(load.err()).contains(csv + ", line 3: column v: 'twenty' is no int");

        Files.writeString(csv, "k,nope\n1,10\n");
        CharybdisCli.Outcome unknownColumn = bulk("load", "-k", "bulk", "-t", "small", "-url", csv.toString());
        assertThat(unknownColumn.exitCode()).isEqualTo(1);
        assertThat(unknownColumn.err()).contains(csv + ", line 1: the table has no column nope");
    }

    @Test
    void anUnknownTableOrConnectorIsAUsageError(@TempDir Path dir) {
        CharybdisCli.Outcome table = bulk("unload", "-k", "bulk", "-t", "nope", "-url", dir.resolve("x.csv").toString());
        assertThat(table.exitCode()).isEqualTo(2);
        assertThat(table.err()).contains("charybdis unload: table bulk.nope does not exist");

        CharybdisCli.Outcome connector = bulk("unload", "-k", "bulk", "-t", "every", "-c", "xml", "-url", dir.toString());
        assertThat(connector.exitCode()).isEqualTo(2);
        assertThat(connector.err()).contains("--connector.name must be csv or json, not xml");
    }

    private static CharybdisCli.Outcome bulk(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command, "-port", Integer.toString(server.nativePort())));
        args.addAll(List.of(options));
        return CharybdisCli.run(args);
    }
}
