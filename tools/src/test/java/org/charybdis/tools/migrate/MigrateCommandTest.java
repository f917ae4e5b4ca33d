package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.tools.cql.TokenRanges;
import org.charybdis.tools.testing.CharybdisCli;
import org.charybdis.tools.testing.EveryCqlType;
import org.charybdis.tools.testing.FormattedRows;
import org.charybdis.tools.testing.PeerCassandra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code charybdis migrate} from a Charybdis node to a real Apache Cassandra 5.0 (a child JVM): a table of every CQL type
 * with TTLs and write times reads back equal, verification catches a changed row, checkpoints resume, the rate holds.
 */
class MigrateCommandTest {
    @RegisterExtension
    static final CharybdisServerExtension charybdis = new CharybdisServerExtension();
    @RegisterExtension
    static final PeerCassandra cassandra = new PeerCassandra();

    private static final long WRITTEN_AT = 1_700_000_000_000_000L;
    /** Simple columns of mig.every: their WRITETIME and TTL must come across exactly (TTL within the test's run). */
    private static final List<String> SIMPLE_COLUMNS = List.of("st", "a", "bi", "b", "bo", "d", "de", "db", "du", "f", "i", "n", "si",
            "t", "tm", "ts", "tu", "ti", "u", "vc", "vi", "v", "fl", "fs", "fm", "tup", "fad");
    /** Non-frozen collections and user types: one write time per element, copied as their newest. */
    private static final List<String> MULTI_CELL_COLUMNS = List.of("l", "s", "m", "ad");
    private static final int SMALL_ROWS = 200;

    private static CqlSession source;
    private static CqlSession target;
    private static CharybdisCli.Outcome everyTypeMigration;

    @BeforeAll
    static void createSourceData() {
        source = charybdis.session();
        target = cassandra.session();
        EveryCqlType.createKeyspace(source, "mig");
        EveryCqlType.createTable(source, "mig", "every");
        source.execute("CREATE TABLE mig.hits (page text, day date, views counter, PRIMARY KEY (page, day))");
        for (int p = 0; p < 20; p++) {
            for (int r = 0; r < 3; r++) {
                source.execute(EveryCqlType.insert("mig", "every", p, r, "USING TIMESTAMP " + (WRITTEN_AT + p * 10 + r)
                        + " AND TTL " + (p % 2 == 1 ? 86400 + p : 0)));
            }
            source.execute(String.format(Locale.ROOT, "UPDATE mig.every USING TIMESTAMP %d SET n = %d WHERE pk = %d AND pk2 = 'p%d' AND ck1 = %s AND ck2 = 0",
                    WRITTEN_AT + 500, -p, p, p, EveryCqlType.timeUuid(p, 0)));
            source.execute(String.format(Locale.ROOT, "UPDATE mig.every USING TIMESTAMP %d AND TTL 7200 SET l = l + [4] WHERE pk = %d AND pk2 = 'p%d' AND ck1 = %s AND ck2 = 1",
                    WRITTEN_AT + 900, p, p, EveryCqlType.timeUuid(p, 1)));
            source.execute(String.format(Locale.ROOT, "UPDATE mig.hits SET views = views + %d WHERE page = '/p%d' AND day = '2024-02-%02d'", p * 7 + 1, p, p % 28 + 1));
        }
        source.execute("INSERT INTO mig.every (pk, pk2, st) VALUES (100, 'statics only', 'alone') USING TIMESTAMP " + WRITTEN_AT);
        source.execute("INSERT INTO mig.every (pk, pk2, ck1, ck2) VALUES (101, 'key only', " + EveryCqlType.timeUuid(101, 0) + ", 5)");
        source.execute("INSERT INTO mig.every (pk, pk2, ck1, ck2, db, f) VALUES (102, 'special numbers', " + EveryCqlType.timeUuid(102, 0)
                + ", 5, NaN, -Infinity) USING TIMESTAMP " + WRITTEN_AT);

        source.execute("CREATE KEYSPACE small WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (String table : List.of("kv", "tamper")) {
            source.execute("CREATE TABLE small." + table + " (k int PRIMARY KEY, v text)");
            for (int k = 0; k < SMALL_ROWS; k++) source.execute("INSERT INTO small." + table + " (k, v) VALUES (" + k + ", 'value " + k + "')");
        }
    }

    private static synchronized CharybdisCli.Outcome migrateEveryType() {
        if (everyTypeMigration == null) everyTypeMigration = migrate("--keyspaces", "mig");
        return everyTypeMigration;
    }

    @Test
    void everyTypeMigratesWithItsWriteTimesAndTtlsAndVerifies() {
        CharybdisCli.Outcome outcome = migrateEveryType();

        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        assertThat(outcome.out()).contains("table mig.every: created", "type mig.address: created", "index mig.every_t: created")
                .containsPattern("copied \\d+ rows of 2 tables in 8 token ranges each")
                .contains("verified 2 tables: every range has the same rows and checksum on both sides");
        assertThat(outcome.err()).contains("copy: 16/16 ranges").contains("verify: 16/16 ranges");

        assertThat(FormattedRows.of(target, "SELECT * FROM mig.every")).isEqualTo(FormattedRows.of(source, "SELECT * FROM mig.every")).hasSize(63);
        assertThat(FormattedRows.of(target, "SELECT * FROM mig.hits")).isEqualTo(FormattedRows.of(source, "SELECT * FROM mig.hits")).hasSize(20);
        assertThat(writeTimes(target)).isEqualTo(writeTimes(source));
        Map<String, Integer> sourceTtls = ttls(source);
        Map<String, Integer> targetTtls = ttls(target);
        assertThat(targetTtls.keySet()).isEqualTo(sourceTtls.keySet());
        sourceTtls.forEach((cell, ttl) -> assertThat(targetTtls.get(cell)).as(cell).isCloseTo(ttl, within(60)));
        assertThat(sourceTtls.values()).anyMatch(ttl -> ttl > 86000); // the TTLs above are really there
        assertThat(target.execute("SELECT pk FROM mig.every WHERE t = 'text é 5'").all()).hasSize(3); // through the index
        assertThat(target.getMetadata().getKeyspace("mig").orElseThrow().getTable("every").orElseThrow().getOptions()
                .get(CqlIdentifier.fromInternal("comment"))).isEqualTo("every type");
    }

    @Test
    void aCounterTableIsCopiedOnlyIntoAnEmptyTableAndNeverResumedHalfWay(@TempDir Path dir) throws IOException {
        assertThat(migrateEveryType().exitCode()).isZero();

        CharybdisCli.Outcome again = migrate("--tables", "mig.hits", "--no-verify");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("counter table mig.hits is not empty on the target", "TRUNCATE it on the target first");

        TokenRanges.Range interrupted = TokenRanges.split(8).get(3);
        Path checkpoint = Files.writeString(dir.resolve("hits.checkpoint"), "charybdis-migrate-checkpoint splits=8\nstarted "
                + interrupted.start() + " " + interrupted.end() + " mig.hits\n");
        CharybdisCli.Outcome resumed = migrate("--tables", "mig.hits", "--checkpoint", checkpoint.toString());
        assertThat(resumed.exitCode()).isEqualTo(1);
        assertThat(resumed.err()).contains("counter table mig.hits was interrupted while range " + interrupted + " was being copied");

        assertThat(FormattedRows.of(target, "SELECT * FROM mig.hits")).isEqualTo(FormattedRows.of(source, "SELECT * FROM mig.hits"));
    }

    @Test
    void aSecondRunWithTheCheckpointCopiesNothingAndAnInterruptedOneOnlyTheRest(@TempDir Path dir) throws IOException {
        Path checkpoint = dir.resolve("small.checkpoint");
        CharybdisCli.Outcome first = migrate("--tables", "small.kv", "--checkpoint", checkpoint.toString(), "--no-verify");
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("copied " + SMALL_ROWS + " rows");

        CharybdisCli.Outcome second = migrate("--tables", "small.kv", "--checkpoint", checkpoint.toString(), "--no-verify");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("table small.kv: exists on the target with the same definition, kept", "copied 0 rows");

        // as if the first run had stopped after three ranges
        List<String> lines = Files.readAllLines(checkpoint);
        assertThat(lines).hasSize(1 + 8);
        Files.write(checkpoint, lines.subList(0, 4));
        long rowsOfForgottenRanges = lines.subList(4, lines.size()).stream().mapToLong(line -> Long.parseLong(line.split(" ")[3])).sum();
        CharybdisCli.Outcome resumed = migrate("--tables", "small.kv", "--checkpoint", checkpoint.toString());
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("copied " + rowsOfForgottenRanges + " rows", "verified 1 tables");
        assertThat(rowsOfForgottenRanges).isBetween(1L, SMALL_ROWS - 1L);
        assertThat(Files.readAllLines(checkpoint)).hasSize(1 + 8);
    }

    @Test
    void verifyOnlyNamesTheRangeOfARowChangedOnTheTarget() {
        CharybdisCli.Outcome copy = migrate("--tables", "small.tamper");
        assertThat(copy.exitCode()).as(copy.all()).isZero();
        target.execute("UPDATE small.tamper SET v = 'changed' WHERE k = 42");
        long token = source.execute("SELECT token(k) FROM small.tamper WHERE k = 42").one().getLong(0);
        TokenRanges.Range range = TokenRanges.split(8).stream().filter(r -> r.start() < token && token <= r.end()).findFirst().orElseThrow();

        CharybdisCli.Outcome verify = migrate("--tables", "small.tamper", "--verify-only");

        assertThat(verify.exitCode()).as(verify.all()).isEqualTo(1);
        assertThat(verify.err()).contains("mismatch: small.tamper range " + range + ": source ");
        assertThat(verify.out()).contains("verification failed: 1 of 8 ranges differ");
        assertThat(verify.out()).doesNotContain("copied");
    }

    @Test
    void theRateLimitsRowsASecond() {
        long start = System.nanoTime();
        CharybdisCli.Outcome outcome = migrate("--tables", "small.kv", "--rate", "100", "--no-verify");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        assertThat(outcome.out()).contains("copied " + SMALL_ROWS + " rows");
        assertThat(seconds).as("200 rows at 100 rows/s").isGreaterThan(1.8);
    }

    @Test
    void aTableOfTheSameNameWithAnotherDefinitionStopsTheMigration() {
        source.execute("CREATE KEYSPACE clash WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        source.execute("CREATE TABLE clash.t (k int PRIMARY KEY, v text)");
        target.execute("CREATE KEYSPACE clash WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        target.execute("CREATE TABLE clash.t (k int PRIMARY KEY, v int)");

        CharybdisCli.Outcome outcome = migrate("--keyspaces", "clash");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("table clash.t exists on the target with another definition",
                "source: CREATE TABLE clash.t (k int, v text, PRIMARY KEY (k))", "target: CREATE TABLE clash.t (k int, v int, PRIMARY KEY (k))");
    }

    @Test
    void replicationGivenOnTheCommandLineReplacesTheSources() {
        source.execute("CREATE KEYSPACE replicated WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        source.execute("CREATE TABLE replicated.t (k int PRIMARY KEY)");
        source.execute("INSERT INTO replicated.t (k) VALUES (1)");

        CharybdisCli.Outcome outcome = migrate("--keyspaces", "replicated", "--replication",
                "{'class': 'NetworkTopologyStrategy', 'datacenter1': 1}");

        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        target.refreshSchema();
        assertThat(target.getMetadata().getKeyspace("replicated").orElseThrow().getReplication())
                .containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy").containsEntry("datacenter1", "1");
        assertThat(target.execute("SELECT k FROM replicated.t").one().getInt(0)).isEqualTo(1); // a key-only row too
    }

    @Test
    void unknownTablesAndBadAddressesAreUsageErrors() {
        CharybdisCli.Outcome unknown = migrate("--tables", "small.nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("the source has no table small.nope (tables of small: kv, tamper)");

        CharybdisCli.Outcome badAddress = CharybdisCli.run("migrate", "--source", "127.0.0.1:notaport", "--target", cassandra.address());
        assertThat(badAddress.exitCode()).isEqualTo(2);
        assertThat(badAddress.err()).contains("'127.0.0.1:notaport' has no valid port");
    }

    private static CharybdisCli.Outcome migrate(String... options) {
        List<String> args = new ArrayList<>(List.of("migrate", "--source", "127.0.0.1:" + charybdis.nativePort(),
                "--target", cassandra.address(), "--target-user", PeerCassandra.SUPERUSER, "--target-password", PeerCassandra.SUPERUSER));
        args.addAll(List.of(options));
        return CharybdisCli.run(args);
    }

    private static Map<String, Long> writeTimes(CqlSession session) {
        Map<String, Long> times = new TreeMap<>();
        for (String column : SIMPLE_COLUMNS) cells(session, "WRITETIME(" + column + ")", (cell, row) -> times.put(cell, row.getLong(4)));
        for (String column : MULTI_CELL_COLUMNS) cells(session, "MAXWRITETIME(" + column + ")", (cell, row) -> times.put(cell, row.getLong(4)));
        return times;
    }

    private static Map<String, Integer> ttls(CqlSession session) {
        Map<String, Integer> ttls = new TreeMap<>();
        for (String column : SIMPLE_COLUMNS) cells(session, "TTL(" + column + ")", (cell, row) -> ttls.put(cell, row.getInt(4)));
        return ttls;
    }

    /** Calls {@code cell} with "key/selector" and the row, for each row of mig.every where the selector is not null. */
    private static void cells(CqlSession session, String selector, BiConsumer<String, Row> cell) {
        for (Row row : session.execute("SELECT pk, pk2, ck1, ck2, " + selector + " FROM mig.every")) {
            if (row.isNull(4)) continue;
            cell.accept(row.getInt(0) + "/" + row.getString(1) + "/" + row.getUuid(2) + "/" + row.getObject(3) + "/" + selector, row);
        }
    }
}
