package org.charybdis.tools.stress;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;

import java.util.Optional;
import java.util.stream.Collectors;

/** Creates the profile's keyspace and table when they are absent, and works out the scan statement. */
final class SchemaSetup {
    private SchemaSetup() {}

    /** Creates what is missing; returns the scan statement: the profile's, or one derived from the table's partition key. */
    static String ensure(CqlSession session, StressProfile profile) {
        CqlIdentifier keyspace = CqlIdentifier.fromCql(profile.keyspace());
        CqlIdentifier table = CqlIdentifier.fromCql(profile.table());
        if (session.getMetadata().getKeyspace(keyspace).isEmpty()) session.execute(profile.keyspaceCql());
        if (table(session, keyspace, table).isEmpty()) session.execute(profile.tableCql());
        if (profile.scanCql() != null) return profile.scanCql();
        // schema changes refresh the driver's metadata before execute() returns
        TableMetadata metadata = table(session, keyspace, table).orElseThrow(() -> new IllegalArgumentException(
                "table " + profile.keyspace() + "." + profile.table() + " does not exist after its table_definition ran: do the names match?"));
        return scanStatement(metadata);
    }

    /** {@code SELECT * FROM ks.t WHERE token(pk) > ? AND token(pk) <= ?}, with the partition key's columns. */
    static String scanStatement(TableMetadata table) {
        String token = "token(" + table.getPartitionKey().stream().map(ColumnMetadata::getName).map(id -> id.asCql(true))
                .collect(Collectors.joining(", ")) + ")";
        return "SELECT * FROM " + table.getKeyspace().asCql(true) + "." + table.getName().asCql(true)
                + " WHERE " + token + " > ? AND " + token + " <= ?";
    }

    private static Optional<TableMetadata> table(CqlSession session, CqlIdentifier keyspace, CqlIdentifier table) {
        return session.getMetadata().getKeyspace(keyspace).flatMap((KeyspaceMetadata k) -> k.getTable(table));
    }
}
