package org.charybdis.server.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code audit: syslog}: every category becomes a line of the {@code org.charybdis.audit} logger, with ScyllaDB's fields. */
class AuditLoggerTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.AUDIT, "syslog")
            .with(ServerConfig.AUDIT_CATEGORIES, "AUTH,DML,DDL,DCL,QUERY,ADMIN")
            .with(ServerConfig.AUDIT_KEYSPACES, "logged");
    private static final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private static CqlSession admin;

    @BeforeAll
    static void listen() {
        lines.start();
        ((Logger) LoggerFactory.getLogger(LogAuditSink.LOGGER)).addAppender(lines);
        admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE logged WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE KEYSPACE quiet WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE quiet.kv (k int PRIMARY KEY, v text)");
    }

    @AfterAll
    static void stopListening() {
        ((Logger) LoggerFactory.getLogger(LogAuditSink.LOGGER)).detachAppender(lines);
    }

    @Test
    void eachCategoryIsALine() throws Exception {
        admin.execute("CREATE TABLE logged.kv (k int PRIMARY KEY, v text)");
        admin.execute("INSERT INTO logged.kv (k, v) VALUES (1, 'log-dml')");
        admin.execute("SELECT v FROM logged.kv WHERE k = 1 /* log-query */");
        admin.execute("CREATE ROLE log_dcl WITH PASSWORD = 'p' AND LOGIN = true");
        admin.execute("CREATE SERVICE LEVEL log_admin WITH shares = 100");
        server.session("log_dcl", "p");

        assertThat(await(l -> l.contains("CREATE TABLE logged.kv"))).contains("category=\"DDL\"").contains("keyspace=\"logged\"")
                .contains("table=\"kv\"").contains("username=\"cassandra\"").contains("error=\"false\"").contains("node=\"127.0.0.1\"")
                .contains("client_ip=\"127.0.0.1\"");
        assertThat(await(l -> l.contains("log-dml"))).contains("category=\"DML\"").contains("cl=\"LOCAL_ONE\"");
        assertThat(await(l -> l.contains("log-query"))).contains("category=\"QUERY\"");
        assertThat(await(l -> l.contains("CREATE ROLE log_dcl"))).contains("category=\"DCL\"");
        assertThat(await(l -> l.contains("CREATE SERVICE LEVEL log_admin"))).contains("category=\"ADMIN\"");
        assertThat(await(l -> l.contains("category=\"AUTH\"") && l.contains("username=\"log_dcl\""))).contains("query=\"LOGIN\"")
                .contains("error=\"false\"");
    }

    @Test
    void failuresAreErrorLines() throws Exception {
        assertThatThrownBy(() -> server.session("cassandra", "not the password")).isInstanceOf(AllNodesFailedException.class);
        assertThatThrownBy(() -> admin.execute("SELECT * FROM logged.missing_table")).isInstanceOf(InvalidQueryException.class);

        assertThat(await(l -> l.contains("category=\"AUTH\"") && l.contains("error=\"true\""))).contains("username=\"cassandra\"");
        assertThat(await(l -> l.contains("logged.missing_table"))).contains("error=\"true\"");
    }

    @Test
    void adminApiCallsAreLines() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.apiPort() + "/storage/flush?keyspace=logged")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        assertThat(await(l -> l.contains("POST /storage/flush?keyspace=logged"))).contains("category=\"ADMIN\"").contains("username=\"anonymous\"");

        // DELETE is an action too (disablebinary, clearsnapshot): here, putting log levels back as configured
        HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.apiPort() + "/system/logger")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(await(l -> l.contains("DELETE /system/logger"))).contains("category=\"ADMIN\"");
    }

    @Test
    void keyspacesOutsideAuditKeyspacesAreNotLogged() throws Exception {
        admin.execute("INSERT INTO quiet.kv (k, v) VALUES (1, 'not-logged-probe')");
        admin.execute("CREATE ROLE after_quiet_probe");
        await(l -> l.contains("after_quiet_probe")); // written after the insert, so the insert had its chance
        assertThat(texts()).noneMatch(l -> l.contains("not-logged-probe"));
    }

    private static String await(Predicate<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            for (String line : texts()) if (expected.test(line)) return line;
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no such audit line among:\n" + String.join("\n", texts()));
    }

    private static List<String> texts() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
