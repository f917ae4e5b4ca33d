package org.charybdis.server.cql;

import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.auth.AllowAllAuthorizer;
import org.charybdis.server.auth.Authenticator;
import org.charybdis.server.auth.Authorizer;
import org.charybdis.server.auth.CassandraAuthorizer;
import org.charybdis.server.auth.PasswordAuthenticator;
import org.charybdis.server.auth.RoleStore;
import org.charybdis.server.config.ConfigException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.qos.ServiceLevelController;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.SchemaManager;
import org.charybdis.server.service.RequestTimeouts;
import org.charybdis.server.service.ServerClock;
import org.charybdis.server.service.StorageProxy;
import org.charybdis.server.transport.EventNotifier;
import org.charybdis.server.trigger.Triggers;

/**
 * The node's services that statements use: configuration, shards, schema, auth, events, clock, service levels, and the
 * coordinator ({@link StorageProxy}) through which every read and write of table data goes. The database itself is here
 * for the node's bookkeeping (prepared-statement caches on every shard, system tables), not for statements.
 */
public record ServerContext(ServerConfig config, ShardRuntime runtime, Database database, SchemaManager schema,
                            Authenticator authenticator, Authorizer authorizer, EventNotifier events, ServerClock clock,
                            ServiceLevelController serviceLevels, StorageProxy proxy, RequestTimeouts timeouts) {

    public ServerContext(ServerConfig config, ShardRuntime runtime, Database database, SchemaManager schema,
                         Authenticator authenticator, EventNotifier events, ServerClock clock, ServiceLevelController serviceLevels) {
        this(config, runtime, database, schema, authenticator, authorizer(config, authenticator, database, runtime), events, clock,
                serviceLevels, new StorageProxy(database, clock, config, new Triggers(config.triggersDirectory(), schema::current)),
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

    /** The configured authorizer; CassandraAuthorizer checks the roles PasswordAuthenticator logs in. */
    public static Authorizer authorizer(ServerConfig config, Authenticator authenticator, Database database, ShardRuntime runtime) {
        if (!config.enforcedAuthorization()) return new AllowAllAuthorizer();
        if (!(authenticator instanceof PasswordAuthenticator passwords)) {
            throw new ConfigException("authorizer: CassandraAuthorizer needs authenticator: PasswordAuthenticator (with "
                    + authenticator.className() + " nobody logs in, so there is no role to check)");
        }
        return new CassandraAuthorizer(passwords, database, runtime.shardCount(), config.get(ServerConfig.ROLES_VALIDITY_IN_MS),
                config.get(ServerConfig.PERMISSIONS_VALIDITY_IN_MS));
    }
}
