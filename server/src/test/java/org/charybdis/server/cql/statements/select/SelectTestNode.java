package org.charybdis.server.cql.statements.select;

import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.syntax.CqlParser;
import org.charybdis.cql.syntax.SelectStatement;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.cql.types.NativeType;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.charybdis.server.auth.AllowAllAuthenticator;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.service.ServerClock;
import org.charybdis.server.cql.ServerContext;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.ColumnMetadata.Kind;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableParams;
import org.charybdis.server.transport.EventNotifier;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.memory.MemoryEngineFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A two-shard in-memory node for SELECT tests: keyspace {@code ks} with
 * {@code t (k int, c1 int, c2 int, s int static, v int, PRIMARY KEY (k, c1, c2))} and
 * {@code d (k int, c int, v int, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC)}.
 */
final class SelectTestNode implements AutoCloseable {
    static final long NOW = 1_700_000_000L;
    final ShardRuntime runtime;
    final Database database;
    final ServerContext context;
    final SchemaManager schema;

    SelectTestNode() {
        runtime = ShardRuntime.start(new ShardRuntimeConfig(2, ShardRuntimeConfig.IoTransport.NIO, Duration.ofNanos(500_000), Duration.ofMillis(500)));
        database = new Database(runtime, new MemoryEngineFactory());
        EventNotifier events = new EventNotifier();
        schema = new SchemaManager(database, events, initialSchema());
        context = new ServerContext(ServerConfig.defaults(), runtime, database, schema, new AllowAllAuthenticator(), events,
                new ServerClock(runtime.shardCount()));
    }

    private static Schema initialSchema() {
        TableMetadata t = new TableMetadata("ks", "t", UUID.randomUUID(), List.of(
                new ColumnMetadata("k", Kind.PARTITION_KEY, 0, NativeType.INT, false, -1),
                new ColumnMetadata("c1", Kind.CLUSTERING, 0, NativeType.INT, false, -1),
                new ColumnMetadata("c2", Kind.CLUSTERING, 1, NativeType.INT, false, -1),
                new ColumnMetadata("s", Kind.STATIC, 0, NativeType.INT, false, 0),
                new ColumnMetadata("v", Kind.REGULAR, 0, NativeType.INT, false, 1)), TableParams.defaultParams(), 2, Map.of());
        TableMetadata d = new TableMetadata("ks", "d", UUID.randomUUID(), List.of(
                new ColumnMetadata("k", Kind.PARTITION_KEY, 0, NativeType.INT, false, -1),
                new ColumnMetadata("c", Kind.CLUSTERING, 0, NativeType.INT, true, -1),
                new ColumnMetadata("v", Kind.REGULAR, 0, NativeType.INT, false, 0)), TableParams.defaultParams(), 1, Map.of());
        KeyspaceMetadata ks = KeyspaceMetadata.create("ks", Map.of("class", "SimpleStrategy", "replication_factor", "1"), true)
                .withTable(t).withTable(d);
        return Schema.empty().with(ks);
    }

    static ByteBuffer i(int v) {
        return NativeType.INT.serialize(v);
    }

    /** Writes a row of ks.t (clustering c1, c2; value v written with the given ttl). */
    void insertT(int k, int c1, int c2, int v, int ttl) {
        TableMetadata t = schema.current().table("ks", "t");
        PartitionUpdate.Builder b = PartitionUpdate.builder(PartitionKeys.decorate(List.of(i(k))));
        RowUpdate row = b.row(Clustering.of(i(c1), i(c2)));
        row.marker(1000, 0, NOW).cell(t.column("v").id(), i(v), 1000 + v, ttl, NOW);
        apply(t, b.build());
    }

    void insertStatic(int k, int s) {
        TableMetadata t = schema.current().table("ks", "t");
        PartitionUpdate.Builder b = PartitionUpdate.builder(PartitionKeys.decorate(List.of(i(k))));
        b.staticRow().cell(t.column("s").id(), i(s), 1000, 0, NOW);
        apply(t, b.build());
    }

    void insertD(int k, int c, int v) {
        TableMetadata d = schema.current().table("ks", "d");
        PartitionUpdate.Builder b = PartitionUpdate.builder(PartitionKeys.decorate(List.of(i(k))));
        b.row(Clustering.of(i(c))).marker(1000, 0, NOW).cell(d.column("v").id(), i(v), 1000, 0, NOW);
        apply(d, b.build());
    }

    private void apply(TableMetadata table, PartitionUpdate update) {
        database.onShard(database.shardOf(update.key()), storage -> {
            storage.table(table.id()).apply(update);
            return null;
        }).join();
    }

    CqlStatement compile(String cql) {
        ClientState client = ClientState.internal(ProtocolVersion.V5);
        client.setKeyspace("ks");
        return SelectStatements.compile((SelectStatement) CqlParser.parse(cql), client, schema.current());
    }

    RowsResult query(String cql, int pageSize, ByteBuffer pagingState, ByteBuffer... values) {
        CqlStatement statement = compile(cql);
        QueryOptions options = new QueryOptions(ConsistencyLevel.ONE, java.util.Arrays.asList(values), null, false, pageSize, pagingState,
                ConsistencyLevel.SERIAL, QueryOptions.NO_TIMESTAMP, null, QueryOptions.NO_NOW);
        ExecutionContext ctx = new ExecutionContext(context, ClientState.internal(ProtocolVersion.V5), options, java.util.Arrays.asList(values), 2000, NOW);
        return (RowsResult) statement.execute(ctx).toCompletableFuture().join();
    }

    RowsResult query(String cql, ByteBuffer... values) {
        return query(cql, QueryOptions.NO_PAGE_SIZE, null, values);
    }

    /** Every row of every page, as ints (null stays null). */
    List<List<Integer>> all(String cql, int pageSize) {
        List<List<Integer>> rows = new ArrayList<>();
        ByteBuffer state = null;
        int pages = 0;
        do {
            RowsResult page = query(cql, pageSize, state);
            if (page.rows().size() > pageSize) throw new AssertionError("page larger than page size");
            rows.addAll(ints(page));
            state = page.metadata().pagingState();
            if (++pages > 10_000) throw new AssertionError("paging does not end");
        } while (state != null);
        return rows;
    }

    static List<List<Integer>> ints(RowsResult result) {
        List<List<Integer>> rows = new ArrayList<>();
        for (ByteBuffer[] row : result.rows()) {
            List<Integer> values = new ArrayList<>();
            for (ByteBuffer v : row) values.add(v == null ? null : v.remaining() == 8 ? (int) v.getLong(v.position()) : v.getInt(v.position()));
            rows.add(values);
        }
        return rows;
    }

    @Override
    public void close() {
        database.close().join();
        runtime.close();
    }
}
