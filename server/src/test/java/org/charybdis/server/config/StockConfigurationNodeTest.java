package org.charybdis.server.config;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.config.DropInConfigurationTest.stock;

/** Nodes started from Cassandra's and ScyllaDB's stock files serve a driver; system.local shows the broadcast addresses. */
class StockConfigurationNodeTest {
    @RegisterExtension
    static final CharybdisServerExtension fromCassandras = new CharybdisServerExtension(new ConfigLoader()
            .yaml(stock("cassandra-stock.yaml")).build()
            .with(ServerConfig.BROADCAST_ADDRESS, "10.0.0.7").with(ServerConfig.BROADCAST_RPC_ADDRESS, "127.0.0.1"));

    @RegisterExtension
    static final CharybdisServerExtension fromScyllas = new CharybdisServerExtension(new ConfigLoader()
            .yaml(stock("scylla-stock.yaml")).build());

    @Test
    void cassandrasStockFileServesADriver() throws Exception {
        CqlSession session = fromCassandras.session();
        Row local = session.execute("SELECT cluster_name, broadcast_address, rpc_address FROM system.local").one();

        assertThat(local.getString("cluster_name")).isEqualTo("Test Cluster");
        assertThat(local.getInetAddress("broadcast_address")).isEqualTo(InetAddress.getByName("10.0.0.7"));
        assertThat(local.getInetAddress("rpc_address")).isEqualTo(InetAddress.getByName("127.0.0.1"));
        session.execute("CREATE KEYSPACE dropin WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE dropin.t (k int PRIMARY KEY, v text)");
        session.execute("INSERT INTO dropin.t (k, v) VALUES (1, 'one')");
        assertThat(session.execute("SELECT v FROM dropin.t WHERE k = 1").one().getString("v")).isEqualTo("one");
    }

    @Test
    void scyllasStockFileServesADriver() {
        Row local = fromScyllas.session().execute("SELECT cluster_name, broadcast_address FROM system.local").one();

        assertThat(local.getString("cluster_name")).isEqualTo(ServerConfig.CLUSTER_NAME.defaultValue());
        assertThat(local.getInetAddress("broadcast_address").isLoopbackAddress()).isTrue();
    }
}
