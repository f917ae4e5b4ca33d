package org.charybdis.server.cql;

import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.auth.Authenticator;
import org.charybdis.server.auth.PasswordAuthenticator;
import org.charybdis.server.auth.RoleStore;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.qos.ServiceLevelController;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.SchemaManager;
import org.charybdis.server.service.RequestTimeouts;
import org.charybdis.server.service.ServerClock;
import org.charybdis.server.service.StorageProxy;
import org.charybdis.server.transport.EventNotifier;

/**
 * The node's services that statements use: configuration, shards, schema, auth, events, clock, service levels, and the
 * coordinator ({@link StorageProxy}) through which every read and write of table data goes. The database itself is here
 * for the node's bookkeeping (prepared-statement caches on every shard, system tables), not for statements.
 */
public record ServerContext(ServerConfig config, ShardRuntime runtime, Database database, SchemaManager schema,
                            Authenticator authenticator, EventNotifier events, ServerClock clock,
                            ServiceLevelController serviceLevels, StorageProxy proxy, RequestTimeouts timeouts) {

    public ServerContext(ServerConfig config, ShardRuntime runtime, Database database, SchemaManager schema,
                         Authenticator authenticator, EventNotifier events, ServerClock clock, ServiceLevelController serviceLevels) {
        this(config, runtime, database, schema, authenticator, events, clock, serviceLevels, new StorageProxy(database, clock, config),
                new RequestTimeouts(config));
    }

    /** A context whose service levels are not started (every client gets the default level): test nodes, tools. */
    public ServerContext(ServerConfig config, ShardRuntime runtime, Database database, SchemaManager schema,
                         Authenticator authenticator, EventNotifier events, ServerClock clock) {
        this(config, runtime, database, schema, authenticator, events, clock,
                new ServiceLevelController(runtime, database, schema::current, roleStore(authenticator, database, schema), null));
    }

    /** The role store statements change roles through: the PasswordAuthenticator's, or a fresh one. */
    public static RoleStore roleStore(Authenticator authenticator, Database database, SchemaManager schema) {
        return authenticator instanceof PasswordAuthenticator passwords ? passwords.roles() : new RoleStore(database, schema::current);
    }
}
