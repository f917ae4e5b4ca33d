package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.QueryRequest;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.UserType;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.charybdis.server.auth.AllowAllAuthenticator;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.QueryProcessor;
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
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.memory.MemoryEngineFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A two-shard node without network, with keyspace {@code ks} and tables
 * {@code ks.t (k int, c int, v text, st int static, l list<int>, s set<int>, m map<text,int>, u addr, PRIMARY KEY (k, c))},
 * {@code ks.p (k int, k2 text, c1 int, c2 int, v int, PRIMARY KEY ((k, k2), c1, c2))} and
 * {@code ks.d (k int PRIMARY KEY, v int) WITH default_time_to_live = 100}.
 */
final class ModificationTestNode implements AutoCloseable {
    static final UserType ADDR = UserType.of("ks", "addr", List.of("street", "zip"), List.of(NativeType.TEXT, NativeType.INT), true);

    final ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2));
    final Database database = new Database(runtime, new MemoryEngineFactory());
    final SchemaManager schema = new SchemaManager(database, new EventNotifier(), initialSchema());
    final ServerContext context = new ServerContext(ServerConfig.defaults(), runtime, database, schema,
            new AllowAllAuthenticator(), new EventNotifier(), new ServerClock(runtime.shardCount()));
    final QueryProcessor processor = new QueryProcessor(context);
    final ClientState client = ClientState.internal(ProtocolVersion.V5);

    /** One partition as the engine returns it, materialized on its shard. */
    record Partition(Row staticRow, List<Row> rows) {}

    Result execute(String cql, ByteBuffer... values) {
        return execute(cql, QueryOptions.of(ConsistencyLevel.ONE, Arrays.asList(values)));
    }

    Result execute(String cql, QueryOptions options) {
        try {
            return processor.query(new QueryRequest(cql, options), client).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    TableMetadata table(String name) {
        return schema.current().table("ks", name);
    }

    /** The live partition with these key components (ints or strings), or null. */
    Partition readAt(String table, long now, Object... key) {
        List<ByteBuffer> components = new ArrayList<>();
        for (Object k : key) components.add(k instanceof Integer i ? NativeType.INT.serialize(i) : NativeType.TEXT.serialize(k));
        DecoratedKey decorated = PartitionKeys.decorate(components);
        UUID id = table(table).id();
        try {
            return database.onShard(database.shardOf(decorated), storage -> {
                PartitionView view = storage.table(id).read(decorated, ReadFilter.ALL, now).join();
                if (view == null) return null;
                List<Row> rows = new ArrayList<>();
                view.rows().forEachRemaining(rows::add);
                return new Partition(view.staticRow(), rows);
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Partition read(String table, Object... key) {
        return readAt(table, ServerClock.nowInSeconds(), key);
    }

    static ByteBuffer i(int value) {
        return NativeType.INT.serialize(value);
    }

    static ByteBuffer text(String value) {
        return NativeType.TEXT.serialize(value);
    }

    static int toInt(ByteBuffer b) {
        return b.getInt(b.position());
    }

    static String toText(ByteBuffer b) {
        return (String) NativeType.TEXT.deserialize(b);
    }

    @Override
    public void close() {
        runtime.close();
    }

    private static Schema initialSchema() {
        TableMetadata t = table("t", List.of(
                col("k", Kind.PARTITION_KEY, 0, NativeType.INT, 0),
                col("c", Kind.CLUSTERING, 0, NativeType.INT, 0),
                col("v", Kind.REGULAR, 0, NativeType.TEXT, 1),
                col("st", Kind.STATIC, 0, NativeType.INT, 2),
                col("l", Kind.REGULAR, 0, ListType.of(NativeType.INT, true), 3),
                col("s", Kind.REGULAR, 0, SetType.of(NativeType.INT, true), 4),
                col("m", Kind.REGULAR, 0, MapType.of(NativeType.TEXT, NativeType.INT, true), 5),
                col("u", Kind.REGULAR, 0, ADDR, 6),
                col("f", Kind.REGULAR, 0, ListType.of(NativeType.INT, false), 7)), TableParams.defaultParams());
        TableMetadata p = table("p", List.of(
                col("k", Kind.PARTITION_KEY, 0, NativeType.INT, 0),
                col("k2", Kind.PARTITION_KEY, 1, NativeType.TEXT, 0),
                col("c1", Kind.CLUSTERING, 0, NativeType.INT, 0),
                new ColumnMetadata("c2", Kind.CLUSTERING, 1, NativeType.INT, true, 0),
                col("v", Kind.REGULAR, 0, NativeType.INT, 1)), TableParams.defaultParams());
        TableMetadata d = table("d", List.of(
                col("k", Kind.PARTITION_KEY, 0, NativeType.INT, 0),
                col("v", Kind.REGULAR, 0, NativeType.INT, 1)), TableParams.defaultParams().with(TableParams.DEFAULT_TIME_TO_LIVE, 100));
        KeyspaceMetadata ks = KeyspaceMetadata.create("ks", Map.of("class", "SimpleStrategy", "replication_factor", "1"), true)
                .withType("addr", ADDR).withTable(t).withTable(p).withTable(d);
        return Schema.empty().with(ks);
    }

    private static TableMetadata table(String name, List<ColumnMetadata> columns, TableParams params) {
        return new TableMetadata("ks", name, UUID.randomUUID(), columns, params, 10, Map.of());
    }

    private static ColumnMetadata col(String name, Kind kind, int position, CqlType type, int id) {
        return new ColumnMetadata(name, kind, position, type, false, id);
    }
}
