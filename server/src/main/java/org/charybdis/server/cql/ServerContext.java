package org.charybdis.server.cql;

import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.auth.Authenticator;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.SchemaManager;
import org.charybdis.server.transport.EventNotifier;

/** The node's services that statements use: configuration, shards, data, schema, auth, events, clock. */
public record ServerContext(ServerConfig config, ShardRuntime runtime, Database database, SchemaManager schema,
                            Authenticator authenticator, EventNotifier events, ServerClock clock) {}
