package org.charybdis.server.auth;

import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.QueryProcessor;
import org.charybdis.server.service.ServerClock;
import org.charybdis.server.cql.ServerContext;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.ColumnMetadata.Kind;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableParams;
import org.charybdis.server.transport.EventNotifier;
import org.charybdis.storage.memory.MemoryEngineFactory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A two-shard node without network for auth tests: in-memory storage, the system_auth tables (as
 * system-tables.cql defines them), a keyspace {@code ks}, a PasswordAuthenticator with a cheap bcrypt
 * cost and the default superuser, and a QueryProcessor.
 */
public final class AuthTestNode implements AutoCloseable {
    public final ShardRuntime runtime;
    public final Database database;
    public final SchemaManager schema;
    public final PasswordAuthenticator authenticator;
    public final QueryProcessor processor;

    public AuthTestNode() {
        runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(2).withTransport(ShardRuntimeConfig.IoTransport.NIO));
        database = new Database(runtime, new MemoryEngineFactory());
        schema = new SchemaManager(database, new EventNotifier(), schema());
        authenticator = new PasswordAuthenticator(database, schema::current, new PasswordHasher(4));
        authenticator.setupDefaultSuperuser().join();
        processor = new QueryProcessor(new ServerContext(ServerConfig.defaults().with(ServerConfig.AUTHORIZER, "CassandraAuthorizer"),
                runtime, database, schema, authenticator,
                new EventNotifier(), new ServerClock(runtime.shardCount())));
    }

    public static Schema schema() {
        KeyspaceMetadata auth = KeyspaceMetadata.create("system_auth", Map.of("class", "org.apache.cassandra.locator.LocalStrategy"), true)
                .withTable(table("roles", List.of(
                        pk("role"),
                        regular("can_login", NativeType.BOOLEAN, 0),
                        regular("is_superuser", NativeType.BOOLEAN, 1),
                        regular("member_of", SetType.of(NativeType.TEXT, true), 2),
                        regular("salted_hash", NativeType.TEXT, 3))))
                .withTable(table("role_members", List.of(pk("role"), clustering("member"))))
                .withTable(table("role_permissions", List.of(pk("role"), clustering("resource"),
                        regular("permissions", SetType.of(NativeType.TEXT, true), 0))))
                .withTable(table("role_attributes", List.of(pk("role"), clustering("name"), regular("value", NativeType.TEXT, 0))));
        KeyspaceMetadata ks = KeyspaceMetadata.create("ks", Map.of("class", "SimpleStrategy", "replication_factor", "1"), true)
                .withTable(new TableMetadata("ks", "tab", UUID.randomUUID(), List.of(
                        new ColumnMetadata("k", Kind.PARTITION_KEY, 0, NativeType.INT, false, -1)),
                        TableParams.defaultParams(), 0, Map.of()));
        return new Schema(Map.of("system_auth", auth, "ks", ks), 1);
    }

    private static TableMetadata table(String name, List<ColumnMetadata> columns) {
        return new TableMetadata("system_auth", name, UUID.nameUUIDFromBytes(("system_auth." + name).getBytes()), columns,
                TableParams.defaultParams(), columns.size(), Map.of());
    }

    private static ColumnMetadata pk(String name) {
        return new ColumnMetadata(name, Kind.PARTITION_KEY, 0, NativeType.TEXT, false, -1);
    }

    private static ColumnMetadata clustering(String name) {
        return new ColumnMetadata(name, Kind.CLUSTERING, 0, NativeType.TEXT, false, -1);
    }

    private static ColumnMetadata regular(String name, org.charybdis.cql.types.CqlType type, int id) {
        return new ColumnMetadata(name, Kind.REGULAR, -1, type, false, id);
    }

    @Override
    public void close() {
        authenticator.close();
        database.close().join();
        runtime.close();
    }
}
