package org.charybdis.server.cql.statements.describe;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server-side DESCRIBE through the Java driver. Expected texts are Cassandra 5.0.6's answers to the same
 * statements, byte for byte, except where our defaults differ: tables created without a compaction
 * option show {'class': '...UnifiedCompactionStrategy'} where Cassandra shows SizeTieredCompactionStrategy.
 */
class DescribeStatementsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    /** Cassandra 5.0's default table options, with our default compaction. */
    static final String DEFAULT_OPTIONS = """
            additional_write_policy = '99p'
                AND allow_auto_snapshot = true
                AND bloom_filter_fp_chance = 0.01
                AND caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'}
                AND cdc = false
                AND comment = ''
                AND compaction = {'class': 'org.apache.cassandra.db.compaction.UnifiedCompactionStrategy'}
                AND compression = {'chunk_length_in_kb': '16', 'class': 'org.apache.cassandra.io.compress.LZ4Compressor'}
                AND memtable = 'default'
                AND crc_check_chance = 1.0
                AND default_time_to_live = 0
                AND extensions = {}
                AND gc_grace_seconds = 864000
                AND incremental_backups = true
                AND max_index_interval = 2048
                AND memtable_flush_period_in_ms = 0
                AND min_index_interval = 128
                AND read_repair = 'BLOCKING'
                AND speculative_retry = '99p';""";

    @BeforeAll
    static void createSchema() {
        session = server.session(DescribeStatementsTest::withoutSchemaMetadata);
        for (String cql : List.of(
                "CREATE KEYSPACE desc_ks1 WITH replication = {'class':'SimpleStrategy','replication_factor':1}",
                "CREATE KEYSPACE \"Desc_Mixed\" WITH replication = {'class':'NetworkTopologyStrategy','datacenter1':1} AND durable_writes = false",
                "CREATE KEYSPACE paging WITH replication = {'class':'SimpleStrategy','replication_factor':1}",
                "CREATE TYPE desc_ks1.address (street text, zip int)",
                "CREATE TYPE desc_ks1.person (name text, addrs frozen<list<frozen<address>>>, \"Nick\" text)",
                "CREATE TYPE desc_ks1.aaa_uses_person (p frozen<person>, m map<text, frozen<address>>)",
                "CREATE TABLE desc_ks1.users (id uuid PRIMARY KEY, name text, emails set<text>, props map<text,int>, scores list<double>, "
                        + "p frozen<person>, addr address, v vector<float, 3>, d duration, t frozen<tuple<int, text, frozen<list<int>>>>)",
                "CREATE TABLE desc_ks1.events (pk int, ck1 timestamp, ck2 text, s int static, v blob, tup frozen<tuple<int,text>>, "
                        + "PRIMARY KEY ((pk), ck1, ck2)) WITH CLUSTERING ORDER BY (ck1 DESC, ck2 ASC) AND comment = 'it''s events' "
                        + "AND gc_grace_seconds = 3600 AND compaction = {'class':'LeveledCompactionStrategy','sstable_size_in_mb':'160'} "
                        + "AND compression = {'class':'ZstdCompressor'} AND caching = {'keys':'NONE','rows_per_partition':'10'} "
                        + "AND speculative_retry='50ms' AND default_time_to_live=100 AND bloom_filter_fp_chance=0.1 "
                        + "AND additional_write_policy = '75p' AND read_repair = 'NONE' AND crc_check_chance = 0.5 "
                        + "AND memtable_flush_period_in_ms = 60000 AND min_index_interval = 64 AND max_index_interval = 1024",
                "CREATE TABLE \"Desc_Mixed\".\"MyTable\" (\"Key\" int, \"Clust\" int, \"select\" text, normal text, \"Weird\"\"Quote\" int, "
                        + "PRIMARY KEY ((\"Key\", \"Clust\")))",
                "CREATE TABLE \"Desc_Mixed\".clust2 (a int, b int, c int, d int, e text, PRIMARY KEY ((a, b), c, d)) "
                        + "WITH CLUSTERING ORDER BY (c DESC, d DESC) AND compression = {'enabled':'false'}",
                "CREATE TABLE desc_ks1.cnt (k int PRIMARY KEY, c counter)",
                "CREATE TABLE desc_ks1.ord (pk int, ck int, \"Zed\" int, alpha int, s_simple int static, s_list list<int> static, "
                        + "r_map map<int,int>, r_simple text, \"Upper\" text, a_set set<int>, u person, fu frozen<person>, PRIMARY KEY (pk, ck))",
                "CREATE TABLE desc_ks1.redo (k int PRIMARY KEY, a int, b int, c int, f frozen<address>)",
                "ALTER TABLE desc_ks1.redo DROP a USING TIMESTAMP 1795247102996000",
                "ALTER TABLE desc_ks1.redo DROP b USING TIMESTAMP 1795247103054002",
                "ALTER TABLE desc_ks1.redo DROP f USING TIMESTAMP 1795247103238000",
                "ALTER TABLE desc_ks1.redo ADD a int",
                "ALTER TABLE desc_ks1.users DROP props USING TIMESTAMP 1795247071767000",
                "ALTER TABLE desc_ks1.events DROP s USING TIMESTAMP 1795247071829000",
                "CREATE TABLE paging.t1 (k int PRIMARY KEY)",
                "CREATE TABLE paging.t2 (k int PRIMARY KEY)",
                "CREATE TABLE paging.t3 (k int PRIMARY KEY)",
                "CREATE TABLE paging.t4 (k int PRIMARY KEY)")) {
            session.execute(cql);
        }
    }

    @Test
    void keyspaceListsTypesInDependencyOrderThenTablesByName() {
        ResultSet result = session.execute("DESCRIBE KEYSPACE desc_ks1");
        assertThat(columnNames(result)).containsExactly("keyspace_name", "type", "name", "create_statement");
        List<Row> rows = result.all();
        assertThat(rows).extracting(r -> r.getString("type") + " " + r.getString("name")).containsExactly(
                "keyspace desc_ks1", "type address", "type person", "type aaa_uses_person",
                "table cnt", "table events", "table ord", "table redo", "table users");
        assertThat(rows).extracting(r -> r.getString("keyspace_name")).containsOnly("desc_ks1");
        assertThat(rows.get(0).getString("create_statement")).isEqualTo(
                "CREATE KEYSPACE desc_ks1 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}  AND durable_writes = true;");
        assertThat(rows.get(2).getString("create_statement")).isEqualTo("""
                CREATE TYPE desc_ks1.person (
                    name text,
                    addrs frozen<list<frozen<address>>>,
                    "Nick" text
                );""");
        assertThat(rows.get(3).getString("create_statement")).isEqualTo("""
                CREATE TYPE desc_ks1.aaa_uses_person (
                    p frozen<person>,
                    m map<text, frozen<address>>
                );""");
        assertThat(rows.get(4).getString("create_statement")).isEqualTo("""
                CREATE TABLE desc_ks1.cnt (
                    k int PRIMARY KEY,
                    c counter
                ) WITH\s""" + DEFAULT_OPTIONS);
    }

    @Test
    void tableWithEveryOptionChanged() {
        assertThat(createStatement("DESCRIBE TABLE desc_ks1.events")).isEqualTo("""
                CREATE TABLE desc_ks1.events (
                    pk int,
                    ck1 timestamp,
                    ck2 text,
                    tup frozen<tuple<int, text>>,
                    v blob,
                    PRIMARY KEY (pk, ck1, ck2)
                ) WITH CLUSTERING ORDER BY (ck1 DESC, ck2 ASC)
                    AND additional_write_policy = '75p'
                    AND allow_auto_snapshot = true
                    AND bloom_filter_fp_chance = 0.1
                    AND caching = {'keys': 'NONE', 'rows_per_partition': '10'}
                    AND cdc = false
                    AND comment = 'it''s events'
                    AND compaction = {'class': 'org.apache.cassandra.db.compaction.LeveledCompactionStrategy', 'max_threshold': '32', 'min_threshold': '4', 'sstable_size_in_mb': '160'}
                    AND compression = {'chunk_length_in_kb': '16', 'class': 'org.apache.cassandra.io.compress.ZstdCompressor'}
                    AND memtable = 'default'
                    AND crc_check_chance = 0.5
                    AND default_time_to_live = 100
                    AND extensions = {}
                    AND gc_grace_seconds = 3600
                    AND incremental_backups = true
                    AND max_index_interval = 1024
                    AND memtable_flush_period_in_ms = 60000
                    AND min_index_interval = 64
                    AND read_repair = 'NONE'
                    AND speculative_retry = '50ms';""");
    }

    @Test
    void columnsInCassandrasCreateOrder() {
        // statics first, single-cell before multi-cell columns, names in byte order (upper case first)
        assertThat(createStatement("DESCRIBE TABLE desc_ks1.ord")).startsWith("""
                CREATE TABLE desc_ks1.ord (
                    pk int,
                    ck int,
                    s_simple int static,
                    s_list list<int> static,
                    "Upper" text,
                    "Zed" int,
                    alpha int,
                    fu frozen<person>,
                    r_simple text,
                    a_set set<int>,
                    r_map map<int, int>,
                    u person,
                    PRIMARY KEY (pk, ck)
                ) WITH CLUSTERING ORDER BY (ck ASC)
                    AND additional_write_policy = '99p'""");
        assertThat(createStatement("DESCRIBE TABLE desc_ks1.users")).startsWith("""
                CREATE TABLE desc_ks1.users (
                    id uuid PRIMARY KEY,
                    d duration,
                    name text,
                    p frozen<person>,
                    t frozen<tuple<int, text, frozen<list<int>>>>,
                    v vector<float, 3>,
                    addr address,
                    emails set<text>,
                    scores list<double>
                ) WITH additional_write_policy = '99p'""");
    }

    @Test
    void quotedNamesAndDurableWrites() {
        List<Row> rows = session.execute("DESCRIBE KEYSPACE \"Desc_Mixed\"").all();
        assertThat(rows).extracting(r -> r.getString("keyspace_name") + " " + r.getString("name"))
                .containsExactly("\"Desc_Mixed\" \"Desc_Mixed\"", "\"Desc_Mixed\" clust2", "\"Desc_Mixed\" \"MyTable\"");
        assertThat(rows.get(0).getString("create_statement")).isEqualTo("CREATE KEYSPACE \"Desc_Mixed\" WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', 'datacenter1': '1'}  AND durable_writes = false;");
        assertThat(rows.get(1).getString("create_statement")).startsWith("""
                CREATE TABLE "Desc_Mixed".clust2 (
                    a int,
                    b int,
                    c int,
                    d int,
                    e text,
                    PRIMARY KEY ((a, b), c, d)
                ) WITH CLUSTERING ORDER BY (c DESC, d DESC)
                """).contains("    AND compression = {'enabled': 'false'}\n");
        assertThat(rows.get(2).getString("create_statement")).isEqualTo("""
                CREATE TABLE "Desc_Mixed"."MyTable" (
                    "Key" int,
                    "Clust" int,
                    "Weird""Quote" int,
                    normal text,
                    "select" text,
                    PRIMARY KEY (("Key", "Clust"))
                ) WITH\s""" + DEFAULT_OPTIONS);
    }

    @Test
    void withInternalsGivesTheIdAndReplaysDroppedColumns() {
        Row tableRow = session.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = 'desc_ks1' AND table_name = 'redo'").one();
        // a dropped column is declared again, then dropped at its drop time; one re-added since is added back;
        // a dropped frozen UDT column is recorded with its type as a tuple
        assertThat(createStatement("DESCRIBE TABLE desc_ks1.redo WITH INTERNALS")).isEqualTo("""
                CREATE TABLE desc_ks1.redo (
                    k int PRIMARY KEY,
                    c int,
                    a int,
                    b int,
                    f frozen<tuple<text, int>>
                ) WITH ID = %s
                    AND %s
                ALTER TABLE desc_ks1.redo DROP a USING TIMESTAMP 1795247102996000;
                ALTER TABLE desc_ks1.redo ADD a int;
                ALTER TABLE desc_ks1.redo DROP b USING TIMESTAMP 1795247103054002;
                ALTER TABLE desc_ks1.redo DROP f USING TIMESTAMP 1795247103238000;""".formatted(tableRow.getUuid("id"), DEFAULT_OPTIONS));
        // a dropped static column keeps its kind; the table keeps its comma before PRIMARY KEY
        assertThat(createStatement("DESCRIBE TABLE desc_ks1.events WITH INTERNALS")).contains("""
                    v blob,
                    s int static,
                    PRIMARY KEY (pk, ck1, ck2)
                ) WITH ID = """).contains("\n    AND CLUSTERING ORDER BY (ck1 DESC, ck2 ASC)\n")
                .endsWith("AND speculative_retry = '50ms';\nALTER TABLE desc_ks1.events DROP s USING TIMESTAMP 1795247071829000;");
        assertThat(createStatement("DESCRIBE TABLE desc_ks1.users")).doesNotContain("props");
    }

    @Test
    void listingsReturnNamesOnly() {
        ResultSet keyspaces = session.execute("DESCRIBE KEYSPACES");
        assertThat(columnNames(keyspaces)).containsExactly("keyspace_name", "type", "name");
        // sorted ignoring case, as Cassandra sorts them
        assertThat(keyspaces.all()).extracting(r -> r.getString("name")).containsExactly("desc_ks1", "\"Desc_Mixed\"", "paging",
                "system", "system_auth", "system_distributed", "system_schema", "system_traces", "system_virtual_schema");
        List<Row> types = session.execute("DESCRIBE TYPES").all();
        assertThat(types).extracting(r -> r.getString("keyspace_name") + "." + r.getString("name") + " " + r.getString("type"))
                .containsExactly("desc_ks1.aaa_uses_person type", "desc_ks1.address type", "desc_ks1.person type");
        List<Row> tables = session.execute("DESCRIBE TABLES").all();
        assertThat(tables).extracting(r -> r.getString("keyspace_name") + "." + r.getString("name")).startsWith(
                "desc_ks1.cnt", "desc_ks1.events", "desc_ks1.ord", "desc_ks1.redo", "desc_ks1.users",
                "\"Desc_Mixed\".clust2", "\"Desc_Mixed\".\"MyTable\"", "paging.t1").contains("system_schema.tables");
        ResultSet functions = session.execute("DESCRIBE FUNCTIONS");
        assertThat(columnNames(functions)).containsExactly("keyspace_name", "type", "name");
        assertThat(functions.all()).isEmpty();
        assertThat(session.execute("DESCRIBE AGGREGATES").all()).isEmpty();
    }

    @Test
    void currentKeyspaceNarrowsListingsAndNamesDefaultToIt() {
        try (CqlSession inKeyspace = server.sessionBuilder(DescribeStatementsTest::withoutSchemaMetadata).withKeyspace("\"Desc_Mixed\"").build()) {
            assertThat(inKeyspace.execute("DESCRIBE TABLES").all()).extracting(r -> r.getString("name"))
                    .containsExactly("clust2", "\"MyTable\"");
            assertThat(inKeyspace.execute("DESCRIBE TYPES").all()).isEmpty();
            assertThat(inKeyspace.execute("DESCRIBE TABLE clust2").one().getString("create_statement")).startsWith("CREATE TABLE \"Desc_Mixed\".clust2 (");
            assertThat(inKeyspace.execute("DESCRIBE \"MyTable\"").one().getString("name")).isEqualTo("\"MyTable\"");
            assertThat(inKeyspace.execute("DESCRIBE KEYSPACE").all()).hasSize(3);
            // a keyspace name wins over a table of the current keyspace
            assertThat(inKeyspace.execute("DESCRIBE desc_ks1").one().getString("type")).isEqualTo("keyspace");
            assertError(inKeyspace, "DESCRIBE nope", "'nope' not found in keyspace 'Desc_Mixed'");
            ResultSet cluster = inKeyspace.execute("DESCRIBE CLUSTER");
            assertThat(columnNames(cluster)).containsExactly("cluster", "partitioner", "snitch", "range_ownership");
            Row row = cluster.one();
            assertThat(row.getString("partitioner")).isEqualTo("Murmur3Partitioner");
            assertThat(row.getString("snitch")).isEqualTo("DynamicEndpointSnitch");
            assertThat(row.getObject("range_ownership"))
                    .isEqualTo(Map.of("-9223372036854775808", List.of("/127.0.0.1:7000")));
        }
    }

    @Test
    void genericNameFindsKeyspacesAndTables() {
        assertThat(session.execute("DESCRIBE desc_ks1").all()).hasSize(9);
        assertThat(session.execute("DESCRIBE desc_ks1.cnt").one().getString("create_statement")).startsWith("CREATE TABLE desc_ks1.cnt (");
        assertThat(session.execute("DESCRIBE ONLY KEYSPACE desc_ks1").all()).extracting(r -> r.getString("type")).containsExactly("keyspace");
        assertThat(session.execute("DESC TYPE desc_ks1.address").one().getString("create_statement"))
                .isEqualTo("CREATE TYPE desc_ks1.address (\n    street text,\n    zip int\n);");
    }

    @Test
    void clusterWithoutKeyspaceHasNoRanges() {
        ResultSet cluster = session.execute("DESCRIBE CLUSTER");
        assertThat(columnNames(cluster)).containsExactly("cluster", "partitioner", "snitch");
        assertThat(cluster.one().getString("cluster")).isEqualTo(server.config().get(ServerConfig.CLUSTER_NAME));
    }

    @Test
    void schemaLeavesSystemKeyspacesToFullSchema() {
        List<Row> schema = session.execute("DESCRIBE SCHEMA").all();
        assertThat(schema).extracting(r -> r.getString("keyspace_name")).containsOnly("desc_ks1", "\"Desc_Mixed\"", "paging");
        assertThat(schema).hasSize(9 + 3 + 5);
        List<Row> full = session.execute("DESCRIBE FULL SCHEMA").all();
        assertThat(full.subList(0, schema.size())).extracting(r -> r.getString("create_statement"))
                .isEqualTo(schema.stream().map(r -> r.getString("create_statement")).toList());
        Row system = full.stream().filter(r -> r.getString("name").equals("system")).findFirst().orElseThrow();
        assertThat(system.getString("create_statement"))
                .isEqualTo("CREATE KEYSPACE system WITH replication = {'class': 'LocalStrategy'}  AND durable_writes = true;");
        Row virtual = full.stream().filter(r -> r.getString("name").equals("system_virtual_schema")).findFirst().orElseThrow();
        assertThat(virtual.getString("create_statement")).isEqualTo("""
                /*
                Warning: Keyspace system_virtual_schema is a virtual keyspace and cannot be recreated with CQL.
                Structure, for reference:
                VIRTUAL KEYSPACE system_virtual_schema;
                */""");
        assertThat(createStatement("DESCRIBE TABLE system_virtual_schema.keyspaces")).isEqualTo("""
                /*
                Warning: Table system_virtual_schema.keyspaces is a virtual table and cannot be recreated with CQL.
                Structure, for reference:
                VIRTUAL TABLE system_virtual_schema.keyspaces (
                    keyspace_name text PRIMARY KEY
                ) WITH comment = 'virtual keyspace definitions';
                */""");
    }

    @Test
    void errorsAsCassandraGivesThem() {
        assertError(session, "DESCRIBE TABLE desc_ks1.nope", "Table 'nope' not found in keyspace 'desc_ks1'");
        assertError(session, "DESCRIBE TABLE nope_ks.nope", "'nope_ks' not found in keyspaces");
        assertError(session, "DESCRIBE KEYSPACE nope_ks", "'nope_ks' not found in keyspaces");
        assertError(session, "DESCRIBE TYPE desc_ks1.nope", "User defined type 'nope' not found in 'desc_ks1'");
        assertError(session, "DESCRIBE INDEX desc_ks1.nope", "Table for existing index 'nope' not found in 'desc_ks1'");
        assertError(session, "DESCRIBE FUNCTION desc_ks1.f", "User defined function 'f' not found in 'desc_ks1'");
        assertError(session, "DESCRIBE AGGREGATE desc_ks1.f", "User defined aggregate 'f' not found in 'desc_ks1'");
        assertError(session, "DESCRIBE MATERIALIZED VIEW desc_ks1.mv", "Materialized view 'mv' not found in 'desc_ks1'");
        assertError(session, "DESCRIBE desc_ks1.person", "'person' not found in keyspace 'desc_ks1'");
        assertError(session, "DESCRIBE nope", "'nope' not found in keyspaces");
        assertError(session, "DESCRIBE TABLE events", "No keyspace specified and no current keyspace");
        assertError(session, "DESCRIBE KEYSPACE", "No keyspace specified and no current keyspace");
    }

    @Test
    void pagesByRowsAndRefusesToResumeAfterASchemaChange() {
        // Cassandra 5.0: 5 rows with pages of 2 give pages of 2, 2, 1
        List<String> names = new ArrayList<>();
        ResultSet result = session.execute(SimpleStatement.newInstance("DESCRIBE KEYSPACE paging").setPageSize(2));
        for (Row row : result) names.add(row.getString("name"));
        assertThat(names).containsExactly("paging", "t1", "t2", "t3", "t4");
        ResultSet first = session.execute(SimpleStatement.newInstance("DESCRIBE KEYSPACE paging").setPageSize(2));
        ByteBuffer state = first.getExecutionInfo().getPagingState();
        assertThat(first.getAvailableWithoutFetching()).isEqualTo(2);
        Row resumed = session.execute(SimpleStatement.newInstance("DESCRIBE KEYSPACE paging").setPageSize(2).setPagingState(state)).one();
        assertThat(resumed.getString("name")).isEqualTo("t2");
        session.execute("CREATE TABLE paging.t5 (k int PRIMARY KEY)");
        try {
            assertError(session, SimpleStatement.newInstance("DESCRIBE KEYSPACE paging").setPageSize(2).setPagingState(state),
                    DescribePaging.SCHEMA_CHANGED);
        } finally {
            session.execute("DROP TABLE paging.t5");
        }
    }

    @Test
    void preparedDescribeSeesTheCurrentSchema() {
        var prepared = session.prepare("DESCRIBE TABLES");
        int before = session.execute(prepared.bind()).all().size();
        session.execute("CREATE TABLE paging.t6 (k int PRIMARY KEY)");
        try {
            assertThat(session.execute(prepared.bind()).all()).hasSize(before + 1);
        } finally {
            session.execute("DROP TABLE paging.t6");
        }
    }

    /** Schema changes in a row: no driver metadata refresh nor agreement wait after each one. */
    private static void withoutSchemaMetadata(ProgrammaticDriverConfigLoaderBuilder options) {
        options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ZERO);
    }

    private static String createStatement(String cql) {
        List<Row> rows = session.execute(cql).all();
        assertThat(rows).hasSize(1);
        return rows.getFirst().getString("create_statement");
    }

    private static List<String> columnNames(ResultSet result) {
        List<String> names = new ArrayList<>();
        result.getColumnDefinitions().forEach(c -> names.add(c.getName().asInternal()));
        return names;
    }

    private static void assertError(CqlSession on, String cql, String message) {
        assertError(on, SimpleStatement.newInstance(cql), message);
    }

    private static void assertError(CqlSession on, SimpleStatement statement, String message) {
        assertThatThrownBy(() -> on.execute(statement)).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
