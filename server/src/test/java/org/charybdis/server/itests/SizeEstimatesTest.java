package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** system.size_estimates reports what the shards hold, once they have published their table sizes. */
class SizeEstimatesTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void reportsPartitionCountsOfUserTables() throws InterruptedException {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE sizes WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sizes.t (k int PRIMARY KEY, v text)");
        PreparedStatement insert = session.prepare("INSERT INTO sizes.t (k, v) VALUES (?, ?)");
        for (int k = 0; k < 50; k++) session.execute(insert.bind(k, "value-" + k));

        long deadline = System.nanoTime() + 20_000_000_000L; // shards publish every 5 s
        Row row;
        do {
            row = session.execute("SELECT partitions_count, mean_partition_size, range_start, range_end FROM system.size_estimates "
                    + "WHERE keyspace_name = 'sizes' AND table_name = 't'").one();
            if (row != null && row.getLong("partitions_count") == 50) break;
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);

        assertThat(row).isNotNull();
        assertThat(row.getLong("partitions_count")).isEqualTo(50);
        assertThat(row.getLong("mean_partition_size")).isPositive();
        assertThat(row.getString("range_start")).isEqualTo(row.getString("range_end"));
    }
}
