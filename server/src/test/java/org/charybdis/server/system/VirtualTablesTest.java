package org.charybdis.server.system;

import org.charybdis.cql.syntax.CqlParser;
import org.charybdis.cql.syntax.SchemaStatement;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.statements.schema.SchemaStatements;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.server.schema.PartitionKeys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualTablesTest {
    private final ServerConfig config = ServerConfig.defaults().with(ServerConfig.CLUSTER_NAME, "Test Cluster");

    @Test
    void systemKeyspacesAreDefined() {
        Schema schema = SystemKeyspaces.initialSchema();
        assertThat(schema.keyspaces()).containsKeys("system", "system_schema", "system_auth", "system_distributed", "system_traces");
        assertThat(schema.keyspace("system_auth").tables()).containsKeys("roles", "role_members", "role_permissions");
        assertThat(schema.keyspace("system_schema").tables()).containsKeys("keyspaces", "tables", "columns", "types", "dropped_columns");
        assertThat(VirtualTables.isVirtual(schema.table("system", "local"))).isTrue();
        assertThat(VirtualTables.isVirtual(schema.table("system_auth", "roles"))).isFalse();
        assertThat(schema.table("system", "local").id()).isEqualTo(SystemKeyspaces.initialSchema().table("system", "local").id());
    }

    @Test
    void localDescribesThisNode() {
        Schema schema = SystemKeyspaces.initialSchema();
        List<Map<String, Object>> rows = rows(schema, "system", "local");
        assertThat(rows).hasSize(1);
        Map<String, Object> local = rows.get(0);
        assertThat(local).containsEntry("key", "local").containsEntry("cluster_name", "Test Cluster")
                .containsEntry("release_version", CharybdisServer.RELEASE_VERSION).containsEntry("cql_version", CharybdisServer.CQL_VERSION)
                .containsEntry("data_center", "datacenter1").containsEntry("rack", "rack1")
                .containsEntry("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner")
                .containsEntry("schema_version", schema.versionId()).containsEntry("native_protocol_version", "5")
                .containsEntry("tokens", Set.of(Long.toString(Long.MIN_VALUE)));
        assertThat(rows(schema, "system", "peers")).isEmpty();
    }

    @Test
    void schemaTablesDescribeUserSchema() {
        Schema schema = run(SystemKeyspaces.initialSchema(),
                "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
                "CREATE TYPE ks.ty (a int, b text)",
                "CREATE TABLE ks.t (k int, c text, s int static, m frozen<map<text, int>>, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC)",
                "ALTER TABLE ks.t DROP m");
        assertThat(rows(schema, "system_schema", "keyspaces")).anySatisfy(row -> assertThat(row)
                .containsEntry("keyspace_name", "ks").containsEntry("durable_writes", true)
                .containsEntry("replication", Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "1")));
        Map<String, Object> table = only(rows(schema, "system_schema", "tables"), "ks");
        assertThat(table).containsEntry("table_name", "t").containsEntry("flags", Set.of("compound"))
                .containsEntry("gc_grace_seconds", 864000).containsEntry("id", schema.table("ks", "t").id())
                .containsEntry("read_repair", "BLOCKING").containsEntry("speculative_retry", "99p")
                .doesNotContainKey("cdc").doesNotContainKey("memtable");
        List<Map<String, Object>> columns = rows(schema, "system_schema", "columns").stream()
                .filter(r -> r.get("keyspace_name").equals("ks")).toList();
        assertThat(columns).extracting(r -> r.get("column_name")).containsExactly("c", "k", "s");
        assertThat(columns.get(0)).containsEntry("kind", "clustering").containsEntry("position", 0)
                .containsEntry("clustering_order", "desc").containsEntry("type", "text");
        assertThat(columns.get(2)).containsEntry("kind", "static").containsEntry("position", -1).containsEntry("clustering_order", "none");
        assertThat(only(rows(schema, "system_schema", "types"), "ks")).containsEntry("field_names", List.of("a", "b"))
                .containsEntry("field_types", List.of("int", "text"));
        assertThat(only(rows(schema, "system_schema", "dropped_columns"), "ks")).containsEntry("column_name", "m")
                .containsEntry("type", "frozen<map<text, int>>").containsEntry("kind", "regular");
    }

    private static Map<String, Object> only(List<Map<String, Object>> rows, String keyspace) {
        List<Map<String, Object>> matching = rows.stream().filter(r -> r.get("keyspace_name").equals(keyspace)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static Schema run(Schema schema, String... statements) {
        for (String cql : statements) {
            CqlStatement statement = SchemaStatements.compile((SchemaStatement) CqlParser.parse(cql),
                    ClientState.internal(ProtocolVersion.V5), schema);
            schema = SchemaStatements.changeOf(statement, schema, 1_000_000L).next();
        }
        return schema;
    }

    /** Every row of a virtual table, column name to Java value (absent: no value). */
    private List<Map<String, Object>> rows(Schema schema, String keyspace, String tableName) {
        TableMetadata table = schema.table(keyspace, tableName);
        TableEngine engine = VirtualTables.snapshot(table, schema, config);
        List<Map<String, Object>> out = new ArrayList<>();
        List<PartitionView> all = new ArrayList<>();
        engine.scan(TokenRange.FULL_RING, null, ReadFilter.ALL, 0).forEachRemaining(all::add).join();
        for (PartitionView partition : all) {
            var key = PartitionKeys.split(partition.key().key(), table.partitionKey().size());
            Iterator<Row> rows = partition.rows();
            while (rows.hasNext()) {
                Row row = rows.next();
                Map<String, Object> values = new HashMap<>();
                for (ColumnMetadata c : table.partitionKey()) values.put(c.name(), c.type().deserialize(key[c.position()]));
                for (ColumnMetadata c : table.clustering()) values.put(c.name(), c.type().deserialize(row.clustering().get(c.position())));
                for (ColumnMetadata c : table.regularAndStatic()) {
                    if (c.isStatic()) continue;
                    if (c.type().isMultiCell()) {
                        List<Cell> cells = row.cellsOf(c.id());
                        if (!cells.isEmpty()) {
                            Set<Object> elements = new java.util.HashSet<>();
                            var elementType = ((org.charybdis.cql.types.CollectionType) c.type()).cellPathType();
                            for (Cell cell : cells) elements.add(elementType.deserialize(cell.path()));
                            values.put(c.name(), elements);
                        }
                    } else {
                        Cell cell = row.simpleCell(c.id());
                        if (cell != null) values.put(c.name(), c.type().deserialize(cell.value()));
                    }
                }
                out.add(values);
            }
        }
        return out;
    }
}
