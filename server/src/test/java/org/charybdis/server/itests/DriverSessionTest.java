package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an application does through the Apache Cassandra Java driver 4.x: connect (v4, v5, LZ4), read
 * schema metadata, DDL, writes, reads, prepared statements, paging, batches, TTL and timestamps.
 */
class DriverSessionTest {
    private static final String KS = "itests_driver";

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    private static CqlSession session;

    @BeforeAll
    static void createSchema() {
        session = server.session(DefaultProtocolVersion.V4);
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + KS
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".kv (k int PRIMARY KEY, v text)");
        session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".wide (p int, c int, v int, PRIMARY KEY (p, c))");
    }

    @AfterAll
    static void dropSchema() {
        session.execute("DROP KEYSPACE IF EXISTS " + KS);
    }

    @ParameterizedTest
    @EnumSource(value = DefaultProtocolVersion.class, names = {"V4", "V5"})
    void connectsAndReadsMetadata(DefaultProtocolVersion version) {
        // the driver leaves system keyspaces out of its metadata unless told to include every keyspace
        try (CqlSession s = server.session(o -> o.withString(DefaultDriverOption.PROTOCOL_VERSION, version.name())
                .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of()))) {
            assertThat(s.getContext().getProtocolVersion()).isEqualTo(version);
            Row local = s.execute("SELECT release_version, cql_version FROM system.local").one();
            assertThat(local).isNotNull();
            assertThat(local.getString("release_version")).startsWith("5.0");
            assertThat(s.getMetadata().getKeyspace("system_schema")).isPresent();
            assertThat(s.getMetadata().getKeyspace("system")).isPresent();
            assertThat(s.getMetadata().getKeyspace(KS).flatMap(ks -> ks.getTable("kv"))).isPresent();
            assertThat(s.execute("SELECT keyspace_name FROM system_schema.keyspaces").all())
                    .extracting(r -> r.getString(0)).contains("system", "system_schema", KS);
        }
    }

    @Test
    void negotiatesTheHighestVersionByItself() {
        try (CqlSession s = server.session()) {
            assertThat(s.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V5);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DefaultProtocolVersion.class, names = {"V4", "V5"})
    void lz4Compression(DefaultProtocolVersion version) {
        try (CqlSession s = server.session(o -> o.withString(DefaultDriverOption.PROTOCOL_VERSION, version.name())
                .withString(DefaultDriverOption.PROTOCOL_COMPRESSION, "lz4"))) {
            String big = "compressible ".repeat(2000);
            s.execute(SimpleStatement.newInstance("INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?)", 7000 + version.getCode(), big));
            Row row = s.execute(SimpleStatement.newInstance("SELECT v FROM " + KS + ".kv WHERE k = ?", 7000 + version.getCode())).one();
            assertThat(row.getString(0)).isEqualTo(big);
        }
    }

    @Test
    void snappyCompressionOnV4() {
        try (CqlSession s = server.session(o -> o.withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
                .withString(DefaultDriverOption.PROTOCOL_COMPRESSION, "snappy"))) {
            assertThat(s.execute("SELECT cluster_name FROM system.local").one()).isNotNull();
        }
    }

    @Test
    void insertAndSelect() {
        session.execute("INSERT INTO " + KS + ".kv (k, v) VALUES (1, 'one')");
        session.execute(SimpleStatement.newInstance("INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?)", 2, "two"));

        assertThat(session.execute("SELECT v FROM " + KS + ".kv WHERE k = 1").one().getString("v")).isEqualTo("one");
        assertThat(session.execute("SELECT k, v FROM " + KS + ".kv WHERE k IN (1, 2)").all())
                .extracting(r -> r.getInt("k") + "=" + r.getString("v")).containsExactlyInAnyOrder("1=one", "2=two");
        assertThat(session.execute("SELECT v FROM " + KS + ".kv WHERE k = 424242").one()).isNull();
    }

    @Test
    void preparedStatementsWithPositionalAndNamedMarkers() {
        PreparedStatement insert = session.prepare("INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?)");
        PreparedStatement select = session.prepare("SELECT v FROM " + KS + ".kv WHERE k = :key");
        assertThat(insert.getVariableDefinitions().size()).isEqualTo(2);
        assertThat(select.getVariableDefinitions().get(0).getName().asInternal()).isEqualTo("key");
        assertThat(select.getResultSetDefinitions().get(0).getName().asInternal()).isEqualTo("v");

        for (int k = 10; k < 15; k++) session.execute(insert.bind(k, "p" + k));

        BoundStatement byName = select.boundStatementBuilder().setInt("key", 12).build();
        assertThat(session.execute(byName).one().getString("v")).isEqualTo("p12");
        assertThat(session.execute(select.bind(14)).one().getString(0)).isEqualTo("p14");
    }

    @Test
    void unsetValuesLeaveColumnsUntouched() {
        session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".unset_values (k int PRIMARY KEY, a text, b text)");
        session.execute("INSERT INTO " + KS + ".unset_values (k, a, b) VALUES (1, 'a0', 'b0')");
        PreparedStatement update = session.prepare("UPDATE " + KS + ".unset_values SET a = ?, b = ? WHERE k = ?");

        session.execute(update.bind("a1", null, 1).unset(1));

        Row row = session.execute("SELECT a, b FROM " + KS + ".unset_values WHERE k = 1").one();
        assertThat(row.getString("a")).isEqualTo("a1");
        assertThat(row.getString("b")).isEqualTo("b0");

        session.execute(update.bind("a2", null, 1));
        assertThat(session.execute("SELECT b FROM " + KS + ".unset_values WHERE k = 1").one().isNull("b")).isTrue();
    }

    @Test
    void pagingOverAPartition() {
        insertWideRows(1, 95);
        SimpleStatement query = SimpleStatement.newInstance("SELECT c FROM " + KS + ".wide WHERE p = 1").setPageSize(10);

        ResultSet rs = session.execute(query);
        assertThat(rs.getAvailableWithoutFetching()).isEqualTo(10);
        assertThat(rs.isFullyFetched()).isFalse();
        List<Integer> seen = new ArrayList<>();
        for (Row row : rs) seen.add(row.getInt(0));

        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 95).boxed().toList());
    }

    @Test
    void pagingStateResumesOnAnotherSession() {
        insertWideRows(2, 95);
        SimpleStatement query = SimpleStatement.newInstance("SELECT c FROM " + KS + ".wide WHERE p = 2").setPageSize(10);
        ResultSet first = session.execute(query);
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) seen.add(first.one().getInt(0));
        ByteBuffer pagingState = first.getExecutionInfo().getPagingState();
        assertThat(pagingState).isNotNull();

        try (CqlSession other = server.session(DefaultProtocolVersion.V5)) {
            ByteBuffer state = pagingState;
            while (state != null) {
                ResultSet page = other.execute(query.setPagingState(state));
                int rows = page.getAvailableWithoutFetching();
                assertThat(rows).isLessThanOrEqualTo(10);
                for (int i = 0; i < rows; i++) seen.add(page.one().getInt(0));
                state = page.getExecutionInfo().getPagingState();
            }
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 95).boxed().toList());
    }

    @Test
    void pagingOverTheWholeTableVisitsEveryPartitionOnce() {
        session.execute("CREATE TABLE IF NOT EXISTS " + KS + ".many (k int PRIMARY KEY, v int)");
        PreparedStatement insert = session.prepare("INSERT INTO " + KS + ".many (k, v) VALUES (?, ?)");
        for (int k = 0; k < 95; k++) session.execute(insert.bind(k, k * 2));

        ResultSet rs = session.execute(SimpleStatement.newInstance("SELECT k, v FROM " + KS + ".many").setPageSize(10));
        Set<Integer> keys = new HashSet<>();
        long lastToken = Long.MIN_VALUE;
        int rows = 0;
        for (Row row : rs) {
            rows++;
            keys.add(row.getInt("k"));
            assertThat(row.getInt("v")).isEqualTo(row.getInt("k") * 2);
        }
        assertThat(rows).isEqualTo(95);
        assertThat(keys).hasSize(95);
        // a full scan returns partitions in token order
        for (Row row : session.execute("SELECT token(k) FROM " + KS + ".many")) {
            assertThat(row.getLong(0)).isGreaterThanOrEqualTo(lastToken);
            lastToken = row.getLong(0);
        }
    }

    @Test
    void loggedAndUnloggedBatches() {
        PreparedStatement insert = session.prepare("INSERT INTO " + KS + ".wide (p, c, v) VALUES (?, ?, ?)");
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                insert.bind(10, 1, 1), insert.bind(10, 2, 2),
                SimpleStatement.newInstance("INSERT INTO " + KS + ".wide (p, c, v) VALUES (11, 1, 11)")));
        session.execute(BatchStatement.builder(DefaultBatchType.UNLOGGED)
                .addStatement(insert.bind(12, 1, 121))
                .addStatement(SimpleStatement.newInstance("UPDATE " + KS + ".wide SET v = ? WHERE p = ? AND c = ?", 122, 12, 2))
                .build());

        assertThat(session.execute("SELECT c, v FROM " + KS + ".wide WHERE p = 10").all())
                .extracting(r -> r.getInt(0) + ":" + r.getInt(1)).containsExactly("1:1", "2:2");
        assertThat(session.execute("SELECT v FROM " + KS + ".wide WHERE p = 11 AND c = 1").one().getInt(0)).isEqualTo(11);
        assertThat(session.execute("SELECT v FROM " + KS + ".wide WHERE p = 12").all())
                .extracting(r -> r.getInt(0)).containsExactly(121, 122);
    }

    @Test
    void ttlAndTimestamp() {
        session.execute("INSERT INTO " + KS + ".kv (k, v) VALUES (100, 'timed') USING TTL 1000 AND TIMESTAMP 123456789");

        Row row = session.execute("SELECT writetime(v), ttl(v), v FROM " + KS + ".kv WHERE k = 100").one();
        assertThat(row.getLong(0)).isEqualTo(123456789L);
        assertThat(row.getInt(1)).isBetween(990, 1000);

        // an older write loses against the newer timestamp
        session.execute("UPDATE " + KS + ".kv USING TIMESTAMP 100 SET v = 'older' WHERE k = 100");
        assertThat(session.execute("SELECT v FROM " + KS + ".kv WHERE k = 100").one().getString(0)).isEqualTo("timed");
        // without a TTL the cell has none
        session.execute("INSERT INTO " + KS + ".kv (k, v) VALUES (101, 'forever')");
        assertThat(session.execute("SELECT ttl(v) FROM " + KS + ".kv WHERE k = 101").one().isNull(0)).isTrue();
    }

    @Test
    void truncateAndDrop() {
        session.execute("CREATE TABLE " + KS + ".doomed (k int PRIMARY KEY, v int)");
        for (int k = 0; k < 20; k++) session.execute(SimpleStatement.newInstance("INSERT INTO " + KS + ".doomed (k, v) VALUES (?, ?)", k, k));
        assertThat(session.execute("SELECT * FROM " + KS + ".doomed").all()).hasSize(20);

        session.execute("TRUNCATE " + KS + ".doomed");
        assertThat(session.execute("SELECT * FROM " + KS + ".doomed").all()).isEmpty();

        session.execute("DROP TABLE " + KS + ".doomed");
        assertThatThrownBy(() -> session.execute("SELECT * FROM " + KS + ".doomed"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("doomed");

        session.execute("CREATE KEYSPACE dropme WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP KEYSPACE dropme");
        assertThatThrownBy(() -> session.execute("CREATE TABLE dropme.t (k int PRIMARY KEY)"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("dropme");
    }

    @Test
    void schemaChangesReachAnotherSessionWithoutARefresh() throws InterruptedException {
        try (CqlSession watcher = server.session(DefaultProtocolVersion.V5)) {
            assertThat(watcher.getMetadata().getKeyspace(KS).flatMap(ks -> ks.getTable("announced"))).isEmpty();

            session.execute("CREATE TABLE " + KS + ".announced (k int PRIMARY KEY, v text)");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (watcher.getMetadata().getKeyspace(KS).flatMap(ks -> ks.getTable("announced")).isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(watcher.getMetadata().getKeyspace(KS).flatMap(ks -> ks.getTable("announced")))
                    .as("the watcher's metadata learns of the table through a SCHEMA_CHANGE event").isPresent();
            assertThat(watcher.getMetadata().getKeyspace(KS).orElseThrow().getTable("announced").orElseThrow()
                    .getColumn("v")).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DefaultConsistencyLevel.class, names = {"ANY", "ONE", "QUORUM", "ALL", "LOCAL_QUORUM", "EACH_QUORUM", "LOCAL_ONE"})
    void writesAcceptTheConsistencyLevel(DefaultConsistencyLevel level) {
        session.execute(SimpleStatement.newInstance("INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?)", 500 + level.getProtocolCode(), level.name())
                .setConsistencyLevel(level));
        assertThat(session.execute("SELECT v FROM " + KS + ".kv WHERE k = " + (500 + level.getProtocolCode())).one().getString(0))
                .isEqualTo(level.name());
    }

    @ParameterizedTest
    @EnumSource(value = DefaultConsistencyLevel.class, names = {"ONE", "QUORUM", "ALL", "LOCAL_QUORUM", "EACH_QUORUM", "SERIAL", "LOCAL_SERIAL", "LOCAL_ONE"})
    void readsAcceptTheConsistencyLevel(DefaultConsistencyLevel level) {
        session.execute("INSERT INTO " + KS + ".kv (k, v) VALUES (600, 'read me')");
        Row row = session.execute(SimpleStatement.newInstance("SELECT v FROM " + KS + ".kv WHERE k = 600").setConsistencyLevel(level)).one();
        assertThat(row.getString(0)).isEqualTo("read me");
    }

    @Test
    void consistencyLevelsThatCannotApplyAreRefusedLikeCassandra() {
        assertThatThrownBy(() -> session.execute(SimpleStatement.newInstance("SELECT v FROM " + KS + ".kv WHERE k = 1")
                .setConsistencyLevel(ConsistencyLevel.ANY)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("ANY ConsistencyLevel is only supported for writes");
        assertThatThrownBy(() -> session.execute(SimpleStatement.newInstance("INSERT INTO " + KS + ".kv (k, v) VALUES (1, 'x')")
                .setConsistencyLevel(ConsistencyLevel.SERIAL)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("You must use conditional updates for serializable writes");
    }

    @Test
    void syntaxErrorsSurfaceAsSyntaxError() {
        assertThatThrownBy(() -> session.execute("SELEC * FROM " + KS + ".kv"))
                .isInstanceOf(SyntaxError.class).hasMessageStartingWith("line 1:");
    }

    private static void insertWideRows(int partition, int rows) {
        PreparedStatement insert = session.prepare("INSERT INTO " + KS + ".wide (p, c, v) VALUES (?, ?, ?)");
        for (int c = rows - 1; c >= 0; c--) session.execute(insert.bind(partition, c, c));
    }
}
