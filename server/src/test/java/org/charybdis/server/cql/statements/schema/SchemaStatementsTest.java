package org.charybdis.server.cql.statements.schema;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.messages.SchemaChangeResult;
import org.charybdis.cql.messages.VoidResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DDL and system_schema through the Java driver, as applications see them (protocol v4 and v5). */
class SchemaStatementsTest {
    @TempDir
    static Path workdir;
    private static CharybdisServer server;

    @BeforeAll
    static void start() {
        server = CharybdisServer.start(ServerConfig.defaults()
                .with(ServerConfig.NATIVE_TRANSPORT_PORT, 0).with(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT, 0)
                .with(ServerConfig.PROMETHEUS_PORT, 0).with(ServerConfig.API_PORT, 0).with(ServerConfig.SMP, 2)
                .with(ServerConfig.WORKDIR, workdir.toString()));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static CqlSession connect(DefaultProtocolVersion version) {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", server.nativePort()))
                .withLocalDatacenter("datacenter1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withString(DefaultDriverOption.PROTOCOL_VERSION, version.name())
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .build())
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = DefaultProtocolVersion.class, names = {"V4", "V5"})
    void ddlShowsInDriverMetadata(DefaultProtocolVersion version) {
        String ks = "ks_" + version.name().toLowerCase();
        try (CqlSession session = connect(version)) {
            session.execute("CREATE KEYSPACE " + ks + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TYPE " + ks + ".address (street text, zip int)");
            session.execute("CREATE TABLE " + ks + ".t (k int, c text, s int static, v map<text, int>, a frozen<address>, "
                    + "PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC) AND comment = 'hello'");

            KeyspaceMetadata keyspace = session.getMetadata().getKeyspace(ks).orElseThrow();
            assertThat(keyspace.getReplication()).containsEntry("class", "org.apache.cassandra.locator.SimpleStrategy")
                    .containsEntry("replication_factor", "1");
            UserDefinedType address = keyspace.getUserDefinedType("address").orElseThrow();
            assertThat(address.getFieldNames()).containsExactly(CqlIdentifier.fromCql("street"), CqlIdentifier.fromCql("zip"));
            TableMetadata table = keyspace.getTable("t").orElseThrow();
            assertThat(table.getPartitionKey()).extracting(c -> c.getName().asInternal()).containsExactly("k");
            assertThat(table.getClusteringColumns().values()).containsExactly(ClusteringOrder.DESC);
            assertThat(table.getColumn("s").orElseThrow().isStatic()).isTrue();
            assertThat(table.getColumn("v").orElseThrow().getType().asCql(true, true)).isEqualTo("map<text, int>");
            assertThat(table.getOptions().get(CqlIdentifier.fromCql("comment"))).isEqualTo("hello");

            session.execute("ALTER TABLE " + ks + ".t ADD w bigint");
            assertThat(session.getMetadata().getKeyspace(ks).orElseThrow().getTable("t").orElseThrow().getColumn("w")).isPresent();

            assertThatThrownBy(() -> session.execute("CREATE TABLE " + ks + ".t (k int PRIMARY KEY)"))
                    .isInstanceOf(AlreadyExistsException.class);
            assertThatThrownBy(() -> session.execute("USE nope")).isInstanceOf(InvalidQueryException.class)
                    .hasMessage("Keyspace 'nope' does not exist");

            session.execute("DROP KEYSPACE " + ks);
            assertThat(session.getMetadata().getKeyspace(ks)).isEmpty();
        }
    }

    @Test
    void ddlRunsThroughSchemaManagerOnEveryShard() throws Exception {
        assertThat(internal("CREATE KEYSPACE direct WITH replication = {'class': 'SimpleStrategy'}"))
                .isEqualTo(new SchemaChangeResult(SchemaChange.keyspace(SchemaChange.Change.CREATED, "direct")));
        internal("CREATE TABLE direct.t (k int PRIMARY KEY, v int)");
        org.charybdis.server.schema.TableMetadata table = server.context().schema().current().table("direct", "t");
        List<Boolean> present = server.context().database().onAllShards(storage -> storage.table(table.id()) != null).get(10, TimeUnit.SECONDS);
        assertThat(present).containsOnly(true).hasSize(2);
        assertThat(internal("CREATE TABLE IF NOT EXISTS direct.t (k int PRIMARY KEY)")).isEqualTo(VoidResult.INSTANCE);
        assertThat(internal("TRUNCATE direct.t")).isEqualTo(VoidResult.INSTANCE);
        internal("DROP KEYSPACE direct");
        List<Boolean> gone = server.context().database().onAllShards(storage -> storage.table(table.id()) == null).get(10, TimeUnit.SECONDS);
        assertThat(gone).containsOnly(true);
    }

    private static Object internal(String cql) throws Exception {
        return server.processor().executeInternal(cql, QueryOptions.of(ConsistencyLevel.ONE)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(value = DefaultProtocolVersion.class, names = {"V4", "V5"})
    void systemTablesAnswerQueries(DefaultProtocolVersion version) {
        try (CqlSession session = connect(version)) {
            Row local = session.execute("SELECT * FROM system.local").one();
            assertThat(local).isNotNull();
            assertThat(local.getString("release_version")).isEqualTo(CharybdisServer.RELEASE_VERSION);
            assertThat(local.getString("data_center")).isEqualTo("datacenter1");
            ResultSet keyspaces = session.execute("SELECT keyspace_name FROM system_schema.keyspaces");
            List<String> names = keyspaces.all().stream().map(r -> r.getString(0)).toList();
            assertThat(names).contains("system", "system_schema", "system_auth");
            assertThat(session.getMetadata().getKeyspace("system_auth").orElseThrow().getTable("roles")).isPresent();
        }
    }
}
