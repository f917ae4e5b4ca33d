package org.charybdis.server.audit;

import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.ClientState;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A full audit queue drops and counts events rather than making the request wait. */
class AuditLogQueueTest {
    @Test
    void aStuckSinkMakesEventsDropNeverWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        List<AuditEvent> written = new CopyOnWriteArrayList<>();
        AuditSink stuck = events -> {
            writing.countDown();
            release.await(30, TimeUnit.SECONDS); // a disk that does not answer
            written.addAll(events);
        };
        AuditFilter filter = AuditFilter.of(ServerConfig.defaults());
        try (AuditLog audit = new AuditLog(filter, stuck, 1, 4, null)) {
            audit.login("first", InetAddress.getLoopbackAddress(), false);
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds the first event and waits

            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) audit.login("user" + i, InetAddress.getLoopbackAddress(), false);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
            assertThat(audit.droppedEvents()).isEqualTo(1000 - 4); // the off-shard queue holds 4

            release.countDown();
        }
        assertThat(written).extracting(AuditEvent::username).containsExactly("first", "user0", "user1", "user2", "user3");
    }

    @Test
    void theWritersOwnStatementsAndDisabledLogsRecordNothing() {
        ClientState writer = ClientState.internal(ProtocolVersion.V5);
        List<AuditEvent> written = new CopyOnWriteArrayList<>();
        AuditFilter all = AuditFilter.of(ServerConfig.defaults().with(ServerConfig.AUDIT_CATEGORIES, "DDL")
                .with(ServerConfig.AUDIT_KEYSPACES, "ks"));
        try (AuditLog audit = new AuditLog(all, written::addAll, 1, 16, writer)) {
            audit.statement(org.charybdis.cql.syntax.CqlParser.parse("DROP TABLE ks.t"), "DROP TABLE ks.t", null, writer, null,
                    () -> java.util.concurrent.CompletableFuture.completedFuture(null));
        }
        assertThat(written).isEmpty();
        assertThat(AuditLog.DISABLED.enabled()).isFalse();
    }
}
