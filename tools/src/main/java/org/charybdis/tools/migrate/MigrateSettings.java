package org.charybdis.tools.migrate;

import org.charybdis.tools.cql.Credentials;
import org.charybdis.tools.cql.HostAndPort;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code charybdis migrate} was asked to do, checked.
 *
 * @param replication a CQL map for the keyspaces created on the target, or null to keep the source's
 * @param rowsPerSecond 0 for no limit
 * @param splits token ranges per table, or 0 for four per shard of the source
 * @param checkpoint null for none
 */
record MigrateSettings(Endpoint source, Endpoint target, List<String> keyspaces, List<String> tables, String replication,
                       double rowsPerSecond, int pageSize, int splits, Path checkpoint, boolean copy, boolean verify,
                       int concurrency) {
    /** One side of the migration; {@code datacenter} null for the address's own. */
    record Endpoint(String role, HostAndPort address, String datacenter, Credentials credentials) {}

    MigrateSettings {
        if (!keyspaces.isEmpty() && !tables.isEmpty()) throw new IllegalArgumentException("give --keyspaces or --tables, not both");
        if (replication != null && !(replication.strip().startsWith("{") && replication.strip().endsWith("}"))) {
            throw new IllegalArgumentException("--replication wants a CQL map, e.g. \"{'class': 'NetworkTopologyStrategy', 'dc1': 3}\", not "
                    + replication);
        }
        if (rowsPerSecond < 0) throw new IllegalArgumentException("--rate must be positive (rows a second), not " + rowsPerSecond);
        if (pageSize < 1) throw new IllegalArgumentException("--page-size must be positive, not " + pageSize);
        if (splits < 0) throw new IllegalArgumentException("--splits must be positive, not " + splits);
        if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be positive, not " + concurrency);
        if (!copy && !verify) throw new IllegalArgumentException("--verify-only and --no-verify together leave nothing to do");
    }
}
