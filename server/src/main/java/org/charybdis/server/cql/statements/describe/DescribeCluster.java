package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.QueryProcessor;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.system.SystemKeyspaces;
import org.charybdis.server.system.Topology;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * DESCRIBE CLUSTER: the cluster name, partitioner and snitch; with a current user keyspace, also which
 * node owns each token range (this single node owns the whole ring through its one token).
 */
final class DescribeCluster implements CqlStatement {
    private static final MapType RANGE_OWNERSHIP_TYPE = MapType.of(NativeType.TEXT, ListType.of(NativeType.TEXT, false), true);
    private static final List<ColumnSpec> BASE_COLUMNS = List.of(DescribeElements.column("cluster"),
            DescribeElements.column("partitioner"), DescribeElements.column("snitch"));
    private static final ResultMetadata WITHOUT_RANGES = ResultMetadata.of(BASE_COLUMNS);
    private static final ResultMetadata WITH_RANGES = ResultMetadata.of(withRangeOwnership());
    private static final String PARTITIONER_PACKAGE = "org.apache.cassandra.dht.";
    /** Cassandra's default: the dynamic snitch wrapping the configured one. */
    private static final String SNITCH = "DynamicEndpointSnitch";
    /** The single token system.local reports, and the storage port peers would use. */
    private static final String TOKEN = Long.toString(Long.MIN_VALUE);
    private static final int STORAGE_PORT = 7000;

    private final ResultMetadata metadata;

    DescribeCluster(String currentKeyspace) {
        this.metadata = showsRanges(currentKeyspace) ? WITH_RANGES : WITHOUT_RANGES;
    }

    @Override
    public List<ColumnSpec> bindVariables() {
        return List.of();
    }

    @Override
    public ResultMetadata resultMetadata() {
        return metadata;
    }

    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        Schema schema = context.server().schema().current();
        ServerConfig config = context.server().config();
        boolean ranges = showsRanges(context.client().keyspace());
        List<ByteBuffer> row = new ArrayList<>(4);
        row.add(DescribeElements.text(config.get(ServerConfig.CLUSTER_NAME)));
        row.add(DescribeElements.text(Topology.PARTITIONER.substring(PARTITIONER_PACKAGE.length())));
        row.add(DescribeElements.text(SNITCH));
        if (ranges) row.add(RANGE_OWNERSHIP_TYPE.serialize(Map.of(TOKEN, List.of(endpoint(config)))));
        ByteBuffer[] values = row.toArray(ByteBuffer[]::new);
        return QueryProcessor.done(DescribePaging.page(1, i -> values, ranges ? WITH_RANGES : WITHOUT_RANGES,
                schema.versionId(), context));
    }

    /** Cassandra lists range owners only for a current keyspace that is not a system one. */
    private static boolean showsRanges(String keyspace) {
        return keyspace != null && !SystemKeyspaces.isSystem(keyspace);
    }

    /** The node as Cassandra prints an endpoint: {@code /127.0.0.1:7000}. */
    private static String endpoint(ServerConfig config) {
        String address = config.broadcastAddress();
        try {
            return InetAddress.getByName(address) + ":" + STORAGE_PORT;
        } catch (UnknownHostException e) {
            return "/" + address + ":" + STORAGE_PORT;
        }
    }

    private static List<ColumnSpec> withRangeOwnership() {
        List<ColumnSpec> columns = new ArrayList<>(BASE_COLUMNS);
        columns.add(new ColumnSpec("system", "describe", "range_ownership", RANGE_OWNERSHIP_TYPE));
        return columns;
    }
}
