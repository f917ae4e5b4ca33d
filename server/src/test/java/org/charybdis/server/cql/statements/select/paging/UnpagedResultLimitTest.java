package org.charybdis.server.cql.statements.select.paging;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.charybdis.cql.exceptions.ErrorCode;
import org.charybdis.cql.messages.ErrorResponse;
import org.charybdis.cql.messages.Response;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CqlTestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * max_memory_for_unlimited_query_hard_limit: an unpaged query whose result would pass it fails with InvalidRequest
 * (the connection goes on), a smaller one is answered whole, and the same data paged is read without limit.
 */
class UnpagedResultLimitTest {
    private static final int ROWS = 60;
    private static final int VALUE = 10_000;

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.MAX_MEMORY_FOR_UNLIMITED_QUERY_SOFT_LIMIT, 50_000L)
            .with(ServerConfig.MAX_MEMORY_FOR_UNLIMITED_QUERY_HARD_LIMIT, 200_000L);

    @BeforeAll
    static void data() {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS ul WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE ul.t (k int, c int, v blob, PRIMARY KEY (k, c))");
        PreparedStatement insert = session.prepare("INSERT INTO ul.t (k, c, v) VALUES (?, ?, ?)");
        for (int i = 0; i < ROWS; i++) session.execute(insert.bind(i % 5, i, ByteBuffer.allocate(VALUE)));
    }

    @Test
    void anUnpagedQueryPastTheHardLimitFailsAndTheConnectionGoesOn() {
        try (CqlTestClient client = CqlTestClient.connect(server.nativePort())) {
            client.startup(ProtocolVersion.V4);
            Response tooMuch = client.query("SELECT k, c, v FROM ul.t"); // ~600 KB, no page size: unpaged
            assertThat(tooMuch).as(CqlTestClient.describe(tooMuch)).isInstanceOf(ErrorResponse.class);
            ErrorResponse error = (ErrorResponse) tooMuch;
            assertThat(error.error().code()).isEqualTo(ErrorCode.INVALID);
            assertThat(error.error().getMessage()).contains("exceeds hard limit of 200000 bytes")
                    .contains("max_memory_for_unlimited_query_hard_limit");

            RowsResult within = (RowsResult) client.query("SELECT k, c, v FROM ul.t LIMIT 15"); // ~150 KB: past the soft limit only
            assertThat(within.rows()).hasSize(15);
            assertThat(within.metadata().pagingState()).isNull();
            RowsResult onePartition = (RowsResult) client.query("SELECT c FROM ul.t WHERE k = 2");
            assertThat(onePartition.rows()).hasSize(ROWS / 5);
        }
    }

    @Test
    void theSameDataPagedIsReadWhole() {
        CqlSession session = server.session();
        int rows = 0;
        for (var ignored : session.execute(SimpleStatement.newInstance("SELECT k, c, v FROM ul.t").setPageSize(7))) rows++;
        assertThat(rows).isEqualTo(ROWS);
    }
}
