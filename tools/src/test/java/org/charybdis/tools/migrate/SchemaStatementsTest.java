package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The CREATE TABLE that migrate sends to a Cassandra or ScyllaDB target, from a Charybdis source's driver metadata. */
class SchemaStatementsTest {
    @RegisterExtension
    static final CharybdisServerExtension charybdis = new CharybdisServerExtension();

    @Test
    void aRocksdbTableIsCreatedOnTheTargetWithoutItsStorageEngine() {
        CqlSession source = charybdis.session();
        source.execute("CREATE KEYSPACE rk WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        source.execute("CREATE TABLE rk.t (k int, c text, v blob, PRIMARY KEY (k, c)) WITH storage_engine = 'rocksdb'"
                + " AND comment = 'kept' AND gc_grace_seconds = 60");
        source.refreshSchema();
        TableMetadata table = source.getMetadata().getKeyspace("rk").orElseThrow().getTable("t").orElseThrow();

        assertThat(SchemaStatements.createTable(table)).isEqualTo("CREATE TABLE rk.t (k int, c text, v blob, PRIMARY KEY (k, c))"
                + " WITH CLUSTERING ORDER BY (c ASC) AND comment = 'kept' AND default_time_to_live = 0 AND gc_grace_seconds = 60");
    }
}
