package org.charybdis.tools.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Opens the driver sessions of a run, all to the same node with the same settings; each workload gets its own so
 * that its connections log in as its own role.
 *
 * @param datacenter the local datacenter; null for the contact point's
 * @param protocolVersion e.g. {@code V4}; null to let the driver negotiate
 * @param connections connections per host (the driver's local pool size)
 */
public record SessionFactory(String host, int port, String datacenter, String protocolVersion, int connections, Duration requestTimeout) {
    /** Stream ids a connection may have in flight (protocol v3+); the driver's default of 1024 would cap concurrency. */
    private static final int MAX_REQUESTS_PER_CONNECTION = 32768;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param name the session's name in the driver's log lines
     * @param schemaMetadata whether the driver should load the schema (needed to create it and derive the scan)
     */
    public CqlSession open(String name, Credentials credentials, boolean schemaMetadata) {
        ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.SESSION_NAME, name)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, CONNECT_TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, CONNECT_TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, CONNECT_TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, CONNECT_TIMEOUT)
                .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, connections)
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, MAX_REQUESTS_PER_CONNECTION)
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, schemaMetadata)
                // the driver's default waits 2 s for stray tasks when a session closes: a run has none left
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
        if (protocolVersion != null) config.withString(DefaultDriverOption.PROTOCOL_VERSION, protocolVersion);
        // without a datacenter, the contact point's is the local one
        if (datacenter == null) config.withString(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, "DcInferringLoadBalancingPolicy");
        CqlSessionBuilder builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(host, port))
                .withConfigLoader(config.build());
        if (datacenter != null) builder.withLocalDatacenter(datacenter);
        if (credentials.present()) builder.withAuthCredentials(credentials.user(), credentials.password());
        return builder.build();
    }
}
