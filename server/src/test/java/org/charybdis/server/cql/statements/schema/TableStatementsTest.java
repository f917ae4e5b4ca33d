package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.AlreadyExistsException;
import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableLayouts;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableParams;
import org.charybdis.storage.engine.StorageParams;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TableStatementsTest {
    private final SchemaFixture fixture = SchemaFixture.withKeyspace();

    @Test
    void createBuildsColumnsInCassandraOrder() {
        fixture.execute("CREATE TABLE ks.t (k int, c1 text, c2 bigint, s int static, v map<text, int>, v2 int, "
                + "PRIMARY KEY ((k, v2), c1, c2)) WITH CLUSTERING ORDER BY (c1 DESC, c2 ASC) AND comment = 'hi'");
        TableMetadata t = fixture.schema.table("ks", "t");
        assertThat(t.partitionKey()).extracting(ColumnMetadata::name).containsExactly("k", "v2");
        assertThat(t.clustering()).extracting(ColumnMetadata::name).containsExactly("c1", "c2");
        assertThat(t.clustering()).extracting(ColumnMetadata::reversed).containsExactly(true, false);
        assertThat(t.regularAndStatic()).extracting(ColumnMetadata::name).containsExactly("s", "v");
        assertThat(t.column("s").isStatic()).isTrue();
        assertThat(t.column("v").type().cqlName()).isEqualTo("map<text, int>");
        assertThat(t.column("v").type().isMultiCell()).isTrue();
        assertThat(t.params().get("comment")).isEqualTo("hi");
        assertThat(t.nextColumnId()).isEqualTo(2);
        assertThat(fixture.lastUpdate.event()).isEqualTo(SchemaChange.table(SchemaChange.Change.CREATED, "ks", "t"));
    }

    @Test
    void frozenAndNestedTypes() {
        fixture.execute("CREATE TABLE ks.t (k frozen<list<int>>, c frozen<map<text,int>>, v map<text, frozen<list<int>>>, "
                + "t tuple<int, text>, vec vector<float, 3>, PRIMARY KEY (k, c))");
        TableMetadata t = fixture.schema.table("ks", "t");
        assertThat(t.column("k").type().cqlName()).isEqualTo("frozen<list<int>>");
        assertThat(t.column("c").type().cqlName()).isEqualTo("frozen<map<text, int>>");
        assertThat(t.column("v").type().cqlName()).isEqualTo("map<text, frozen<list<int>>>");
        assertThat(t.column("vec").type().cqlName()).isEqualTo("vector<float, 3>");
    }

    @Test
    void primaryKeyErrors() {
        assertError("CREATE TABLE ks.b (k int, v int)", InvalidRequestException.class,
                "No PRIMARY KEY specifed for table 'ks.b' (exactly one required)");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY, v int, PRIMARY KEY (k))", InvalidRequestException.class,
                "Multiple PRIMARY KEY specified for table 'ks.b' (exactly one required)");
        assertError("CREATE TABLE ks.b (k int, PRIMARY KEY (k, nope))", InvalidRequestException.class,
                "Unknown column 'nope' referenced in PRIMARY KEY for table 'b'");
        assertError("CREATE TABLE ks.b (k int, c int, PRIMARY KEY (k, k))", InvalidRequestException.class,
                "Duplicate column 'k' in PRIMARY KEY clause for table 'b'");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY, v int, v text)", InvalidRequestException.class,
                "Duplicate column 'v' declaration for table 'ks.b'");
        assertError("CREATE TABLE ks.b (k list<int> PRIMARY KEY, v int)", InvalidRequestException.class,
                "Invalid non-frozen collection type list<int> for PRIMARY KEY column 'k'");
        assertError("CREATE TABLE ks.b (k duration PRIMARY KEY)", InvalidRequestException.class,
                "duration type is not supported for PRIMARY KEY column 'k'");
        assertError("CREATE TABLE ks.b (k counter PRIMARY KEY, v counter)", InvalidRequestException.class,
                "counter type is not supported for PRIMARY KEY column 'k'");
    }

    @Test
    void clusteringOrderErrors() {
        assertError("CREATE TABLE ks.b (k int, c int, v int, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (v DESC)", InvalidRequestException.class,
                "Only clustering key columns can be defined in CLUSTERING ORDER directive: [v] are not clustering columns");
        assertError("CREATE TABLE ks.b (k int, c1 int, c2 int, PRIMARY KEY (k, c1, c2)) WITH CLUSTERING ORDER BY (c2 DESC, c1 ASC)",
                InvalidRequestException.class,
                "The order of columns in the CLUSTERING ORDER directive must match that of the clustering columns (c1 must appear before c2)");
        assertError("CREATE TABLE ks.b (k int, c1 int, c2 int, PRIMARY KEY (k, c1, c2)) WITH CLUSTERING ORDER BY (c2 DESC)",
                InvalidRequestException.class, "Missing CLUSTERING ORDER for column c1");
        fixture.execute("CREATE TABLE ks.b (k int, c1 int, c2 int, PRIMARY KEY (k, c1, c2)) WITH CLUSTERING ORDER BY (c1 DESC)");
        assertThat(fixture.schema.table("ks", "b").column("c2").reversed()).isFalse();
    }

    @Test
    void staticCounterAndTypeErrors() {
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY, v int static)", InvalidRequestException.class,
                "Static columns are only useful (and thus allowed) if the table has at least one clustering column");
        assertError("CREATE TABLE ks.b (k int, c int static, PRIMARY KEY (k, c))", InvalidRequestException.class,
                "Static column 'c' cannot be part of the PRIMARY KEY");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY, v counter, w int)", InvalidRequestException.class,
                "Cannot mix counter and non counter columns in the same table");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY, v list<counter>)", InvalidRequestException.class,
                "Counters are not allowed inside collections: list<counter>");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY, v map<text, list<int>>)", InvalidRequestException.class,
                "Non-frozen collections are not allowed inside collections: map<text, list<int>>");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY, v set<duration>)", InvalidRequestException.class,
                "Durations are not allowed inside sets: set<duration>");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY, v nope)", InvalidRequestException.class, "Unknown type ks.nope");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY, v counter) WITH default_time_to_live = 5", InvalidRequestException.class,
                "Cannot set default_time_to_live on a table with counters");
    }

    @Test
    void optionsAreValidatedAndNormalized() {
        fixture.execute("CREATE TABLE ks.t (k int PRIMARY KEY) WITH compaction = {'class': 'LeveledCompactionStrategy'} "
                + "AND compression = {'chunk_length_in_kb': 64, 'class': 'LZ4Compressor'} AND caching = {'keys': 'none'} AND gc_grace_seconds = 10");
        TableMetadata t = fixture.schema.table("ks", "t");
        assertThat(t.params().mapOption("compaction")).isEqualTo(Map.of("class", "org.apache.cassandra.db.compaction.LeveledCompactionStrategy",
                "max_threshold", "32", "min_threshold", "4"));
        assertThat(t.params().mapOption("compression")).isEqualTo(Map.of("chunk_length_in_kb", "64",
                "class", "org.apache.cassandra.io.compress.LZ4Compressor"));
        assertThat(t.params().mapOption("caching")).isEqualTo(Map.of("keys", "NONE", "rows_per_partition", "NONE"));
        assertThat(t.params().gcGraceSeconds()).isEqualTo(10);
        assertThat(fixture.schema.table("ks", "t").params().mapOption("compaction")).isNotNull();
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH foo = 1", SyntaxException.class, "Unknown property 'foo'");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH gc_grace_seconds = 'abc'", SyntaxException.class,
                "Invalid integer value abc for 'gc_grace_seconds'");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH caching = 'x'", SyntaxException.class,
                "Invalid value for property 'caching'. It should be a map.");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH compaction = {'class': 'Foo'}", ConfigurationException.class,
                "Unable to find compaction strategy class 'org.apache.cassandra.db.compaction.Foo'");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH compaction = {'min_threshold': '4'}", ConfigurationException.class,
                "Missing sub-option 'class' for the 'compaction' option");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH bloom_filter_fp_chance = 2", ConfigurationException.class,
                "bloom_filter_fp_chance must be larger than 6.71E-5 and less than or equal to 1.0 (got 2.0)");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH default_time_to_live = -1", ConfigurationException.class,
                "default_time_to_live must be greater than or equal to 0 (got -1)");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH max_index_interval = 5", ConfigurationException.class,
                "max_index_interval must be greater than or equal to min_index_interval (128) (got 5)");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH speculative_retry = 'bogus'", ConfigurationException.class,
                "Invalid value bogus for option 'speculative_retry'");
        assertError("CREATE TABLE ks.b (k int PRIMARY KEY) WITH id = 'abc'", ConfigurationException.class, "Invalid table id");
    }

    @Test
    void idOptionAndExistingTable() {
        UUID id = UUID.fromString("5a1c395e-b41f-11e5-9f22-ba0be0483c18");
        fixture.execute("CREATE TABLE ks.t (k int PRIMARY KEY) WITH id = " + id);
        assertThat(fixture.schema.table("ks", "t").id()).isEqualTo(id);
        Throwable error = fixture.error("CREATE TABLE ks.t (k int PRIMARY KEY)");
        assertThat(error).isInstanceOf(AlreadyExistsException.class)
                .hasMessage("Cannot add already existing table \"t\" to keyspace \"ks\"");
        assertThat(fixture.apply("CREATE TABLE IF NOT EXISTS ks.t (k int PRIMARY KEY)").event()).isNull();
        assertError("CREATE TABLE nope.t (k int PRIMARY KEY)", InvalidRequestException.class, "Keyspace 'nope' doesn't exist");
        assertError("CREATE TABLE system.t (k int PRIMARY KEY)", UnauthorizedException.class, "system keyspace is not user-modifiable.");
    }

    @Test
    void alterAddDropRename() {
        fixture.execute("CREATE TABLE ks.t (k int, c int, v int, PRIMARY KEY (k, c))");
        fixture.execute("ALTER TABLE ks.t ADD w text");
        TableMetadata t = fixture.schema.table("ks", "t");
        assertThat(t.column("w").id()).isEqualTo(1);
        assertThat(t.nextColumnId()).isEqualTo(2);
        assertThat(fixture.lastUpdate.event()).isEqualTo(SchemaChange.table(SchemaChange.Change.UPDATED, "ks", "t"));
        assertError("ALTER TABLE ks.t ADD k int", InvalidRequestException.class, "Column with name 'k' already exists");
        assertThat(fixture.apply("ALTER TABLE ks.t ADD IF NOT EXISTS k int").event()).isNull();

        fixture.execute("ALTER TABLE ks.t DROP v");
        t = fixture.schema.table("ks", "t");
        assertThat(t.column("v")).isNull();
        assertThat(t.droppedColumns().get("v")).isEqualTo(new TableMetadata.DroppedColumn("v", "int", "regular", SchemaFixture.NOW_MICROS));
        assertError("ALTER TABLE ks.t ADD v text", InvalidRequestException.class,
                "Cannot re-add previously dropped column 'v' of type text, incompatible with previous type int");
        fixture.execute("ALTER TABLE ks.t ADD v int");
        assertThat(fixture.schema.table("ks", "t").column("v").id()).isEqualTo(2);
        assertError("ALTER TABLE ks.t DROP k", InvalidRequestException.class, "Cannot drop PRIMARY KEY column k");
        assertError("ALTER TABLE ks.t DROP nope", InvalidRequestException.class, "Column nope was not found in table 'ks.t'");

        fixture.execute("ALTER TABLE ks.t RENAME c TO cc");
        assertThat(fixture.schema.table("ks", "t").clustering().get(0).name()).isEqualTo("cc");
        assertError("ALTER TABLE ks.t RENAME w TO ww", InvalidRequestException.class, "Cannot rename non PRIMARY KEY column w");
        assertError("ALTER TABLE ks.t RENAME cc TO k", InvalidRequestException.class,
                "Cannot rename column cc to k in table 'ks.t'; another column with that name already exists");
        assertError("ALTER TABLE ks.t RENAME nope TO zz", InvalidRequestException.class, "Undefined column name nope in table ks.t");
    }

    @Test
    void alterOptionsAndCounters() {
        fixture.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v int)");
        fixture.execute("ALTER TABLE ks.t WITH comment = 'x' AND gc_grace_seconds = 5");
        assertThat(fixture.schema.table("ks", "t").params().get("comment")).isEqualTo("x");
        assertThat(fixture.schema.table("ks", "t").params().gcGraceSeconds()).isEqualTo(5);
        assertError("ALTER TABLE ks.t WITH id = 5a1c395e-b41f-11e5-9f22-ba0be0483c18", ConfigurationException.class, "Cannot alter table id.");
        assertError("ALTER TABLE ks.t ADD z counter", ConfigurationException.class,
                "ks.t: Cannot have a counter column (\"z\") in a non counter table");
        assertError("ALTER TABLE ks.nope ADD x int", InvalidRequestException.class, "Table 'ks.nope' doesn't exist");
        assertThat(fixture.apply("ALTER TABLE IF EXISTS ks.nope ADD x int").event()).isNull();
        assertError("ALTER TABLE system.local ADD x int", UnauthorizedException.class, "system keyspace is not user-modifiable.");
    }

    @Test
    void dropTable() {
        fixture.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v int)");
        fixture.execute("DROP TABLE ks.t");
        assertThat(fixture.schema.table("ks", "t")).isNull();
        assertThat(fixture.lastUpdate.event()).isEqualTo(SchemaChange.table(SchemaChange.Change.DROPPED, "ks", "t"));
        assertError("DROP TABLE ks.t", InvalidRequestException.class, "Table 'ks.t' doesn't exist");
        assertThat(fixture.apply("DROP TABLE IF EXISTS ks.t").event()).isNull();
    }

    @Test
    void theStorageEngineReachesTheStorageLayout() {
        fixture.execute("CREATE TABLE ks.rocks (k int PRIMARY KEY) WITH storage_engine = 'RocksDB'");
        fixture.execute("CREATE TABLE ks.plain (k int PRIMARY KEY)");
        TableMetadata rocks = fixture.schema.table("ks", "rocks");
        assertThat(rocks.params().get(TableParams.STORAGE_ENGINE)).isEqualTo("rocksdb");
        assertThat(TableLayouts.of(rocks).storageParams().engine()).isEqualTo(StorageParams.Engine.ROCKSDB);
        assertThat(TableLayouts.of(fixture.schema.table("ks", "plain")).storageParams().engine()).isEqualTo(StorageParams.Engine.CHARYBDIS);

        Map<String, Object> savedBeforeTheOption = new LinkedHashMap<>(TableParams.defaultParams().options());
        savedBeforeTheOption.remove(TableParams.STORAGE_ENGINE);
        assertThat(new TableParams(savedBeforeTheOption).storageEngine()).isEqualTo(StorageParams.Engine.CHARYBDIS);
    }

    private void assertError(String cql, Class<? extends Throwable> type, String message) {
        assertThat(fixture.error(cql)).isInstanceOf(type).hasMessage(message);
    }
}
