package org.charybdis.server;

import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.config.MemoryBudget;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.api.BadAdminRequest;
import org.charybdis.server.http.HttpEndpoint.Request;
import org.charybdis.server.replica.TableSizes;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.system.LocalTables;
import org.charybdis.server.system.SystemKeyspaces;
import org.charybdis.storage.engine.TableEngine;
import static org.charybdis.server.system.Topology.DATACENTER;
import static org.charybdis.server.system.Topology.RACK;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The facts the admin API reports about this node (status, info, version), as JSON-ready maps. */
final class NodeFacts {

    private NodeFacts() {}

    static Map<String, Object> version() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", CharybdisServer.VERSION);
        m.put("release_version", CharybdisServer.RELEASE_VERSION);
        m.put("cql_version", CharybdisServer.CQL_VERSION);
        m.put("native_protocol_versions", ProtocolVersion.supportedDescriptions());
        return m;
    }

    static Map<String, Object> status(CharybdisServer server) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("datacenter", DATACENTER);
        m.put("rack", RACK);
        m.put("address", server.config().broadcastAddress());
        m.put("status", "UP");
        m.put("state", "NORMAL");
        m.put("mode", server.mode().name());
        m.put("tokens", 1);
        m.put("owns", "100.0%");
        m.put("load_bytes", load(server.context().database().sizes()));
        m.put("host_id", hostId(server));
        return m;
    }

    static String hostId(CharybdisServer server) {
        return LocalTables.hostId(server.config()).toString();
    }

    /** Bytes of the live SSTables of every table, as last published by the shards (Cassandra's Load). */
    private static long load(TableSizes sizes) {
        long bytes = 0;
        for (int shard = 0; shard < sizes.shardCount(); shard++) {
            Map<UUID, TableEngine.Stats> tables = sizes.ofShard(shard);
            if (tables != null) for (TableEngine.Stats stats : tables.values()) bytes += stats.sstableBytes();
        }
        return bytes;
    }

    /**
     * The keyspaces' names, as ScyllaDB's {@code /storage_service/keyspaces?type=}: {@code all} (the default), {@code user}
     * (without the system keyspaces) or {@code non_local_strategy} (without the node-local ones).
     */
    static List<String> keyspaces(Schema schema, Request request) {
        String type = request.parameters().getOrDefault("type", List.of("all")).getFirst();
        java.util.function.Predicate<String> wanted = switch (type) {
            case "all" -> name -> true;
            case "user" -> name -> !SystemKeyspaces.isSystem(name);
            case "non_local_strategy" -> name -> !SystemKeyspaces.isLocal(name);
            default -> throw new BadAdminRequest("Invalid keyspace type '" + type + "': use all, user or non_local_strategy");
        };
        return schema.keyspaces().keySet().stream().filter(wanted).sorted().toList();
    }

    static Map<String, Object> info(CharybdisServer server) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host_id", hostId(server));
        m.put("native_transport_active", server.nativeTransportRunning());
        m.put("load_bytes", load(server.context().database().sizes()));
        m.put("cluster_name", server.config().get(ServerConfig.CLUSTER_NAME));
        m.put("mode", server.mode().name());
        m.put("datacenter", DATACENTER);
        m.put("rack", RACK);
        m.put("uptime_seconds", (System.currentTimeMillis() - server.startedAtMillis()) / 1000);
        m.put("shards", server.runtime().shardCount());
        m.put("io_transport", server.runtime().transportName());
        m.put("heap_used_bytes", heap.getUsed());
        m.put("heap_max_bytes", heap.getMax());
        MemoryBudget budget = MemoryBudget.of(server.config());
        m.put("memory_budget_bytes", budget.memory());
        m.put("heap_budget_bytes", budget.heap());
        m.put("memtable_budget_bytes", budget.memtables());
        m.put("chunk_cache_budget_bytes", budget.chunkCache());
        m.put("max_direct_memory_bytes", maxDirectMemory());
        m.put("native_transport_port", server.nativePort());
        m.put("native_shard_aware_transport_port", server.shardAwarePort());
        m.put("workdir", server.config().workdir().toString());
        m.put("reactor_stalls", server.runtime().stallCount());
        // a shard-aware driver sends each request to the shard owning its partition: cross-shard stays near zero
        m.put("coordinator_local_operations", server.context().database().hops().totalLocal());
        m.put("coordinator_cross_shard_operations", server.context().database().hops().totalCrossShard());
        return m;
    }

    /** The JVM's -XX:MaxDirectMemorySize (0 when not given: then it equals the heap's maximum). */
    private static long maxDirectMemory() {
        var diagnostics = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        return Long.parseLong(diagnostics.getVMOption("MaxDirectMemorySize").getValue());
    }
}
