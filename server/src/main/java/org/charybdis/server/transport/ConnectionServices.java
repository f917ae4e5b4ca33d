package org.charybdis.server.transport;

import org.charybdis.cql.messages.SupportedResponse;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.system.Topology;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.server.auth.Authenticator;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.QueryProcessor;
import org.charybdis.server.cql.RequestTiming;
import org.charybdis.server.qos.EffectiveServiceLevel;
import org.charybdis.server.qos.ServiceLevelController;
import org.charybdis.server.qos.WorkloadType;
import org.charybdis.server.metrics.ServerMetrics;
import org.charybdis.server.tracing.Tracing;
import org.charybdis.storage.dht.ShardOf;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a connection needs from the node.
 *
 * @param schedulingGroups picks the group a client's statements run in (its service level)
 * @param shardAwarePort   the bound shard-aware port, announced in SUPPORTED
 * @param shardAwareTlsPort the shard-aware port that speaks TLS (-1: none), announced as ScyllaDB does
 * @param admissions       each shard's admission of requests (by number and bytes in flight)
 * @param admissionTimeoutNanos how long a request may wait for admission (the shortest request timeout)
 * @param serviceLevels    each client's effective service level: its timeout and workload type
 * @param tracing          starts the sessions of traced requests and writes them once answered
 */
public record ConnectionServices(QueryProcessor processor, Authenticator authenticator, EventNotifier events,
                                 ServerMetrics metrics, Function<ClientState, SchedulingGroup> schedulingGroups,
                                 int shardCount, java.util.function.IntSupplier shardAwarePort,
                                 java.util.function.IntSupplier shardAwareTlsPort, RequestAdmission[] admissions,
                                 long admissionTimeoutNanos, ServiceLevelController serviceLevels, Tracing tracing) {

    /** The admission of requests on one shard (see {@link RequestAdmission}). */
    public RequestAdmission admission(int shard) {
        return admissions[shard];
    }

    /**
     * How long a client's request may wait for admission before it is answered Overloaded: its service level's timeout
     * if it has one, else the shortest request timeout. A batch workload is never shed, only throttled (ScyllaDB's
     * workload_type = 'batch': throughput work for which backpressure is the right answer).
     */
    public long admissionTimeoutNanos(ClientState client) {
        EffectiveServiceLevel level = serviceLevels.effective(client);
        if (level.workloadType() == WorkloadType.BATCH) return Long.MAX_VALUE;
        return level.timeout() != null ? level.timeout().toNanos() : admissionTimeoutNanos;
    }

    public SchedulingGroup schedulingGroupFor(ClientState client) {
        return schedulingGroups.apply(client);
    }

    /** A request's timing: when it arrived, and the timeout of the client's service level (null: none). */
    public RequestTiming timingFor(ClientState client, long arrivedNanos) {
        return RequestTiming.arrivedAt(arrivedNanos, serviceLevels.effective(client).timeout());
    }

    /** OPTIONS answer: CQL and protocol versions, compression, and ScyllaDB's sharding facts for this shard. */
    public SupportedResponse supportedOptions(int shard) {
        Map<String, List<String>> options = new java.util.LinkedHashMap<>(Map.of(
                "CQL_VERSION", List.of(org.charybdis.server.CharybdisServer.CQL_VERSION),
                "COMPRESSION", List.of("lz4", "snappy"),
                "PROTOCOL_VERSIONS", ProtocolVersion.supportedDescriptions(),
                "SCYLLA_SHARD", List.of(Integer.toString(shard)),
                "SCYLLA_NR_SHARDS", List.of(Integer.toString(shardCount)),
                "SCYLLA_PARTITIONER", List.of(Topology.PARTITIONER),
                "SCYLLA_SHARDING_ALGORITHM", List.of("biased-token-round-robin"),
                "SCYLLA_SHARDING_IGNORE_MSB", List.of(Integer.toString(ShardOf.DEFAULT_IGNORE_MSB)), // as Database places partitions
                "SCYLLA_SHARD_AWARE_PORT", List.of(Integer.toString(shardAwarePort.getAsInt()))));
        int tlsPort = shardAwareTlsPort.getAsInt();
        // ScyllaDB's drivers connected with TLS open their per-shard connections to this one
        if (tlsPort >= 0) options.put("SCYLLA_SHARD_AWARE_PORT_SSL", List.of(Integer.toString(tlsPort)));
        return new SupportedResponse(options);
    }
}
