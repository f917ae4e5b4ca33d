package org.charybdis.server.cql.statements.schema;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.servererrors.InvalidConfigurationInQueryException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code WITH storage_engine = '...'} through the Java driver: stored and shown in system_schema, the driver's metadata,
 * DESCRIBE and snapshots' schema.cql (the driver's metadata still parses), kept across ALTERs and restarts, never changed in place, and refused with SAI.
 * Only the option's plumbing: where the rows live is the engines' business.
 */
class StorageEngineOptionTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    private static CqlSession session;

    @BeforeAll
    static void keyspace() {
        session = session();
        session.execute("CREATE KEYSPACE eng WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }

    @Test
    void theEngineIsStoredInSystemSchemaAndTheDriversMetadata() {
        session.execute("CREATE TABLE eng.rocks (k int PRIMARY KEY, v text) WITH storage_engine = 'RocksDB' AND comment = 'r'");
        session.execute("CREATE TABLE eng.plain (k int PRIMARY KEY, v text)");
        session.execute("CREATE TABLE eng.explicit (k int PRIMARY KEY, v text) WITH storage_engine = 'charybdis'");

        assertThat(engineOf("rocks")).isEqualTo("rocksdb");
        assertThat(engineOf("plain")).isEqualTo("charybdis");
        assertThat(engineOf("explicit")).isEqualTo("charybdis");
        assertThat(session.execute("SELECT storage_engine FROM system_schema.tables WHERE keyspace_name = 'system_auth'").all())
                .isNotEmpty().allSatisfy(row -> assertThat(row.getString(0)).isEqualTo("charybdis"));
        TableMetadata rocks = session.getMetadata().getKeyspace("eng").orElseThrow().getTable("rocks").orElseThrow();
        // the driver reads the row with the extra column fine, and keeps only the options it knows
        assertThat(rocks.getOptions()).containsEntry(CqlIdentifier.fromInternal("comment"), "r");
        assertThat(rocks.describe(false)).contains("AND comment = 'r'").doesNotContain("storage_engine");

        session.execute("INSERT INTO eng.rocks (k, v) VALUES (1, 'one')");
        assertThat(session.execute("SELECT v FROM eng.rocks WHERE k = 1").one().getString(0)).isEqualTo("one");
    }

    @Test
    void describeShowsOnlyANonDefaultEngineAndItsOutputRecreatesIt() {
        session.execute("CREATE TABLE eng.described (k int PRIMARY KEY, v text) WITH storage_engine = 'rocksdb'");
        session.execute("CREATE TABLE eng.described_default (k int PRIMARY KEY, v text)");

        String rocks = describe("DESCRIBE TABLE eng.described");
        assertThat(rocks).contains("\n    AND speculative_retry = '99p'\n    AND storage_engine = 'rocksdb';");
        assertThat(describe("DESCRIBE TABLE eng.described_default")).doesNotContain("storage_engine");
        assertThat(describe("DESCRIBE KEYSPACE eng")).contains("AND storage_engine = 'rocksdb'");

        session.execute("DROP TABLE eng.described");
        session.execute(rocks);
        assertThat(engineOf("described")).isEqualTo("rocksdb");
    }

    @Test
    void aSnapshotsSchemaCqlNamesTheEngine() throws IOException {
        session.execute("CREATE TABLE eng.truncated (k int PRIMARY KEY, v text) WITH storage_engine = 'rocksdb'");
        session.execute("INSERT INTO eng.truncated (k, v) VALUES (1, 'one')");

        session.execute("TRUNCATE eng.truncated"); // auto_snapshot keeps the table's files and its schema.cql

        assertThat(schemaCqlFiles("truncated")).singleElement().satisfies(schema ->
                assertThat(Files.readString(schema)).contains("CREATE TABLE eng.truncated", "AND storage_engine = 'rocksdb';"));
    }

    @Test
    void alterKeepsTheEngineAndRefusesToChangeIt() {
        session.execute("CREATE TABLE eng.altered (k int PRIMARY KEY, v text) WITH storage_engine = 'rocksdb'");

        session.execute("ALTER TABLE eng.altered WITH comment = 'still rocks' AND gc_grace_seconds = 100");
        session.execute("ALTER TABLE eng.altered ADD w int");
        session.execute("ALTER TABLE eng.altered WITH storage_engine = 'ROCKSDB'");
        assertThat(engineOf("altered")).isEqualTo("rocksdb");

        assertThatThrownBy(() -> session.execute("ALTER TABLE eng.altered WITH storage_engine = 'charybdis'"))
                .isInstanceOf(InvalidConfigurationInQueryException.class)
                .hasMessage("Cannot change the storage engine of eng.altered from 'rocksdb' to 'charybdis' in place: create a new table"
                        + " WITH storage_engine = 'charybdis' and copy the rows into it");
        session.execute("CREATE TABLE eng.default_altered (k int PRIMARY KEY)");
        assertThatThrownBy(() -> session.execute("ALTER TABLE eng.default_altered WITH storage_engine = 'rocksdb'"))
                .isInstanceOf(InvalidConfigurationInQueryException.class)
                .hasMessageContaining("from 'charybdis' to 'rocksdb' in place");
        assertThat(engineOf("altered")).isEqualTo("rocksdb");
        assertThat(engineOf("default_altered")).isEqualTo("charybdis");
    }

    @Test
    void anUnknownEngineIsAConfigurationError() {
        assertThatThrownBy(() -> session.execute("CREATE TABLE eng.bad (k int PRIMARY KEY) WITH storage_engine = 'foo'"))
                .isInstanceOf(InvalidConfigurationInQueryException.class)
                .hasMessage("Unknown storage_engine 'foo': choose 'charybdis' (the default) or 'rocksdb'");
        assertThat(session.getMetadata().getKeyspace("eng").orElseThrow().getTable("bad")).isEmpty();
    }

    @Test
    void storageAttachedIndexesAreRefusedButLegacyIndexesAndViewsAllowed() {
        session.execute("CREATE TABLE eng.indexed (k int PRIMARY KEY, v text, n int, vec vector<float, 2>) WITH storage_engine = 'rocksdb'");

        String refusal = "Storage-attached indexes are not supported on tables with storage_engine = 'rocksdb'; use a secondary"
                + " index (CREATE INDEX without USING) or a table with the default engine";
        for (String sai : List.of("CREATE CUSTOM INDEX ON eng.indexed (v) USING 'StorageAttachedIndex'",
                "CREATE INDEX ON eng.indexed (n) USING 'sai'",
                "CREATE CUSTOM INDEX ON eng.indexed (vec) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'cosine'}")) {
            assertThatThrownBy(() -> session.execute(sai)).as(sai).isInstanceOf(InvalidQueryException.class).hasMessage(refusal);
        }

        session.execute("CREATE INDEX indexed_v ON eng.indexed (v)");
        session.execute("CREATE MATERIALIZED VIEW eng.by_n AS SELECT * FROM eng.indexed WHERE n IS NOT NULL AND k IS NOT NULL PRIMARY KEY (n, k)");
        session.execute("CREATE MATERIALIZED VIEW eng.by_v AS SELECT * FROM eng.indexed WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)"
                + " WITH storage_engine = 'rocksdb'");
        session.execute("INSERT INTO eng.indexed (k, v, n) VALUES (1, 'a', 10)");

        assertThat(session.execute("SELECT k FROM eng.indexed WHERE v = 'a'").one().getInt(0)).isEqualTo(1);
        assertThat(session.execute("SELECT storage_engine FROM system_schema.views WHERE keyspace_name = 'eng' AND view_name = 'by_n'")
                .one().getString(0)).isEqualTo("charybdis");
        assertThat(session.execute("SELECT storage_engine FROM system_schema.views WHERE keyspace_name = 'eng' AND view_name = 'by_v'")
                .one().getString(0)).isEqualTo("rocksdb");
        assertThatThrownBy(() -> session.execute("ALTER MATERIALIZED VIEW eng.by_v WITH storage_engine = 'charybdis'"))
                .isInstanceOf(InvalidConfigurationInQueryException.class).hasMessageContaining("Cannot change the storage engine of eng.by_v");
    }

    @Test
    void theEngineSurvivesARestart() {
        session.execute("CREATE TABLE eng.durable (k int PRIMARY KEY, v text) WITH storage_engine = 'rocksdb'");

        server.restart();
        session = session();

        assertThat(engineOf("durable")).isEqualTo("rocksdb");
        assertThat(describe("DESCRIBE TABLE eng.durable")).contains("AND storage_engine = 'rocksdb';");
        assertThatThrownBy(() -> session.execute("ALTER TABLE eng.durable WITH storage_engine = 'charybdis'"))
                .isInstanceOf(InvalidConfigurationInQueryException.class);
    }

    private static String engineOf(String table) {
        Row row = session.execute("SELECT storage_engine FROM system_schema.tables WHERE keyspace_name = 'eng' AND table_name = ?", table).one();
        return row.getString(0);
    }

    private static String describe(String statement) {
        return session.execute(statement).all().stream().map(row -> row.getString("create_statement")).collect(Collectors.joining("\n"));
    }

    private static List<Path> schemaCqlFiles(String table) throws IOException {
        try (Stream<Path> files = Files.walk(server.workdir())) {
            return files.filter(file -> file.getFileName().toString().equals("schema.cql") && file.toString().contains(table)).toList();
        }
    }

    /** A session that refreshes its schema metadata right after each DDL. */
    private static CqlSession session() {
        return server.session(options -> options.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(1)));
    }
}
