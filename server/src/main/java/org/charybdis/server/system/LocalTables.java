package org.charybdis.server.system;

import org.charybdis.server.CharybdisServer;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;

import org.charybdis.server.replica.TableSizes;
import org.charybdis.storage.engine.TableEngine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Rows of the node tables of {@code system}: {@code local} describes this node; {@code peers} and
 * {@code peers_v2} are empty (a single node); {@code size_estimates} lists every user table over the
 * whole ring, with the sizes the shards last published (see {@link TableSizes}); {@code "IndexInfo"} lists the indexes.
 */
public final class LocalTables {
    /** The node's single token: owning the whole ring, it ends where it starts. */
    static final String TOKEN = Long.toString(Long.MIN_VALUE);
    static final int STORAGE_PORT = 7000;
    /** Like Cassandra's gossip generation: the time this node (process) started, in seconds. */
    private static final int GOSSIP_GENERATION = (int) (System.currentTimeMillis() / 1000);

    private static final String VIEW_BUILD_STATUS = "view_build_status";

    private LocalTables() {}

    static void fill(String table, Schema schema, ServerConfig config, TableSizes sizes, java.util.function.Predicate<UUID> viewBuilt,
                     VirtualRows rows) {
        switch (table) {
            case "built_views" -> builtViews(schema, viewBuilt, rows);
            case VIEW_BUILD_STATUS -> viewBuildStatus(schema, config, viewBuilt, rows);
            case "local" -> rows.add(local(schema, config));
            case "size_estimates" -> sizeEstimates(schema, sizes, rows);
            case "IndexInfo" -> indexInfo(schema, rows);
            default -> { } // peers, peers_v2: no other nodes
        }
    }

    /** system_distributed.view_build_status: generated here, from the same build states as system.built_views. */
    static boolean isViewBuildStatus(TableMetadata table) {
        return table.keyspace().equals(SystemKeyspaces.SYSTEM_DISTRIBUTED) && table.name().equals(VIEW_BUILD_STATUS);
    }

    /** Every materialized view with this node's build status: SUCCESS once built, STARTED before. */
    private static void viewBuildStatus(Schema schema, ServerConfig config, java.util.function.Predicate<UUID> viewBuilt, VirtualRows rows) {
        for (var ks : schema.keyspaces().values()) {
            for (var table : ks.tables().values()) {
                if (!table.isView()) continue;
                rows.add(new java.util.HashMap<>(Map.of("keyspace_name", ks.name(), "view_name", table.name(), "host_id", hostId(config),
                        "status", viewBuilt.test(table.id()) ? "SUCCESS" : "STARTED")));
            }
        }
    }

    /** The materialized views whose build has finished; status_replicated as Cassandra's single node shows it. */
    private static void builtViews(Schema schema, java.util.function.Predicate<UUID> viewBuilt, VirtualRows rows) {
        for (var ks : schema.keyspaces().values()) {
            for (var table : ks.tables().values()) {
                if (table.isView() && viewBuilt.test(table.id())) {
                    rows.add(new java.util.HashMap<>(Map.of("keyspace_name", ks.name(), "view_name", table.name(), "status_replicated", true)));
                }
            }
        }
    }

    /**
     * One row per secondary index, keyed by its keyspace (Cassandra names that column table_name). Cassandra lists an
     * index once built; here every index of the schema is listed, as CREATE INDEX waits for the build to end.
     */
    private static void indexInfo(Schema schema, VirtualRows rows) {
        for (KeyspaceMetadata ks : schema.keyspaces().values()) {
            for (TableMetadata table : ks.tables().values()) {
                for (IndexMetadata index : table.indexes().values()) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("table_name", ks.name());
                    row.put("index_name", index.name());
                    rows.add(row);
                }
            }
        }
    }

    /** A stable host id for the node: derived from its data directory. */
    public static UUID hostId(ServerConfig config) {
        return UUID.nameUUIDFromBytes(("charybdis-host-" + config.workdir()).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> local(Schema schema, ServerConfig config) {
        InetAddress listen = address(config.get(ServerConfig.LISTEN_ADDRESS));
        InetAddress broadcast = address(config.broadcastAddress());
        Map<String, Object> row = new HashMap<>();
        row.put("key", "local");
        row.put("bootstrapped", "COMPLETED");
        row.put("broadcast_address", broadcast);
        row.put("broadcast_port", STORAGE_PORT);
        row.put("cluster_name", config.get(ServerConfig.CLUSTER_NAME));
        row.put("cql_version", CharybdisServer.CQL_VERSION);
        row.put("data_center", Topology.DATACENTER);
        row.put("gossip_generation", GOSSIP_GENERATION);
        row.put("host_id", hostId(config));
        row.put("listen_address", listen);
        row.put("listen_port", STORAGE_PORT);
        row.put("native_protocol_version", "5");
        row.put("partitioner", Topology.PARTITIONER);
        row.put("rack", Topology.RACK);
        row.put("release_version", CharybdisServer.RELEASE_VERSION);
        row.put("rpc_address", address(config.broadcastRpcAddress()));
        row.put("rpc_port", config.get(ServerConfig.NATIVE_TRANSPORT_PORT));
        row.put("schema_version", schema.versionId());
        row.put("tokens", Set.of(TOKEN));
        return row;
    }

    private static void sizeEstimates(Schema schema, TableSizes sizes, VirtualRows rows) {
        for (KeyspaceMetadata ks : schema.keyspaces().values()) {
            if (SystemKeyspaces.isSystem(ks.name())) continue;
            for (TableMetadata table : ks.tables().values()) {
                Map<String, Object> row = new HashMap<>();
                row.put("keyspace_name", ks.name());
                row.put("table_name", table.name());
                row.put("range_start", TOKEN);
                row.put("range_end", TOKEN);
                TableEngine.Stats stats = sizes == null ? TableEngine.Stats.EMPTY : sizes.of(table.id());
                row.put("mean_partition_size", stats.partitionCount() == 0 ? 0L : stats.dataSizeBytes() / stats.partitionCount());
                row.put("partitions_count", stats.partitionCount());
                rows.add(row);
            }
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unresolvable address " + text, e);
        }
    }
}
