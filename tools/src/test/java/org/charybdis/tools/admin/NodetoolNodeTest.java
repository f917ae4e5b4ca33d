package org.charybdis.tools.admin;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.tools.admin.AdminCommandTest.charybdis;

/** nodetool's node-wide commands and options against a running node. */
class NodetoolNodeTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @BeforeAll
    static void createTable() {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE node_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE node_ks.kv (k int PRIMARY KEY, v text)");
        session.execute("INSERT INTO node_ks.kv (k, v) VALUES (1, 'one')");
    }

    @Test
    void nodetoolsHostAndPortOptionsAndTheOldAliasesReachTheNode() {
        for (String[] options : new String[][] {{"-h", "127.0.0.1", "-p", port()}, {"--host", "127.0.0.1", "--port", port()},
                {"--host=127.0.0.1", "--port=" + port()}, {"-H", "127.0.0.1", "--api-port", port()}}) {
            String[] args = new String[options.length + 2];
            args[0] = "admin";
            System.arraycopy(options, 0, args, 1, options.length);
            args[args.length - 1] = "version";
            AdminCommandTest.Outcome outcome = charybdis(args);

            assertThat(outcome.exitCode()).as(String.join(" ", options) + ": " + outcome.err()).isZero();
            assertThat(outcome.out()).containsPattern("(?m)^ReleaseVersion: " + CharybdisServer.RELEASE_VERSION.replace(".", "\\.") + "$");
        }
    }

    @Test
    void helpIsLongOnlyAndListsTheCommands() {
        AdminCommandTest.Outcome outcome = charybdis("admin", "--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("-h, -H, --host").contains("toppartitions").contains("statusbinary").contains("cfstats");
    }

    @Test
    void statusOfAKeyspaceShowsItsEffectiveOwnership() {
        AdminCommandTest.Outcome outcome = charybdis("admin", "-p", port(), "status", "node_ks");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("(?m)^--\\s+Address\\s+Load\\s+Tokens\\s+Owns \\(effective\\)\\s+Host ID\\s+Rack$")
                .containsPattern("(?m)^UN  127\\.0\\.0\\.1\\s+.+\\s+1\\s+100\\.0%\\s+[0-9a-f-]{36}\\s+rack1$");

        AdminCommandTest.Outcome unknown = charybdis("admin", "-p", port(), "status", "no_such_ks");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Keyspace 'no_such_ks' does not exist");
    }

    @Test
    void describeclusterPrintsNodetoolsLayout() {
        AdminCommandTest.Outcome outcome = charybdis("admin", "-p", port(), "describecluster");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("(?m)^Cluster Information:\\R\\tName: Charybdis Cluster$")
                .containsPattern("(?m)^\\tPartitioner: org\\.apache\\.cassandra\\.dht\\.Murmur3Partitioner$")
                .containsPattern("(?m)^\\t\\t[0-9a-f-]{36}: \\[127\\.0\\.0\\.1\\]$")
                .containsPattern("(?m)^\\tLive: 1$")
                .containsPattern("(?m)^\\tdatacenter1 #Nodes: 1 #Down: 0$")
                .containsPattern("(?m)^\\t" + CharybdisServer.RELEASE_VERSION.replace(".", "\\.") + ": \\[127\\.0\\.0\\.1\\]$");
    }

    @Test
    void stopCompactionAnswersQuietlyAndAnUnknownTypeIsRefused() {
        AdminCommandTest.Outcome stop = charybdis("admin", "-p", port(), "stop", "COMPACTION");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).doesNotContain("COMPACTION"); // silent, as nodetool (the in-process node may log meanwhile)

        AdminCommandTest.Outcome unknown = charybdis("admin", "-p", port(), "stop", "DEFRAGMENT");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Invalid compaction type 'DEFRAGMENT': use one of [COMPACTION");
    }

    @Test
    void setlogginglevelChangesWhatGetlogginglevelsShowsUntilReset() {
        String logger = "org.charybdis.nodetool.test";
        assertThat(charybdis("admin", "-p", port(), "getlogginglevels").out()).doesNotContain(logger)
                .containsPattern("(?m)^Logger Name\\s+Log Level$").containsPattern("(?m)^ROOT\\s+[A-Z]+$");

        AdminCommandTest.Outcome set = charybdis("admin", "-p", port(), "setlogginglevel", logger, "debug");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(charybdis("admin", "-p", port(), "getlogginglevels").out()).containsPattern("(?m)^" + logger.replace(".", "\\.") + "\\s+DEBUG$");
        assertThat(org.slf4j.LoggerFactory.getLogger(logger).isDebugEnabled()).isTrue();

        AdminCommandTest.Outcome reset = charybdis("admin", "-p", port(), "setlogginglevel");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(charybdis("admin", "-p", port(), "getlogginglevels").out()).doesNotContain(logger);
        assertThat(org.slf4j.LoggerFactory.getLogger(logger).isDebugEnabled()).isFalse();
    }

    @Test
    void setlogginglevelRefusesAnUnknownLevelOrALoneLogger() {
        AdminCommandTest.Outcome badLevel = charybdis("admin", "-p", port(), "setlogginglevel", "org.charybdis", "LOUD");
        assertThat(badLevel.exitCode()).isEqualTo(1);
        assertThat(badLevel.err()).contains("Invalid log level 'LOUD': use trace, debug, info, warn, error or off");

        AdminCommandTest.Outcome alone = charybdis("admin", "-p", port(), "setlogginglevel", "org.charybdis");
        assertThat(alone.exitCode()).isEqualTo(1);
        assertThat(alone.err()).contains("Give a logger and a level");
    }

    @Test
    void disablebinaryRefusesNewClientsAndDropsOpenOnesUntilEnablebinary() {
        CqlSession open = server.session();
        assertThat(charybdis("admin", "-p", port(), "statusbinary").out()).containsPattern("(?m)^running$");
        try {
            AdminCommandTest.Outcome disable = charybdis("admin", "-p", port(), "disablebinary");
            assertThat(disable.exitCode()).as(disable.err()).isZero();
            assertThat(charybdis("admin", "-p", port(), "statusbinary").out()).containsPattern("(?m)^not running$");
            assertThat(charybdis("admin", "-p", port(), "info").out()).containsPattern("(?m)^Native Transport active: false$");

            assertThatThrownBy(() -> server.sessionBuilder(o -> {}).build()).isInstanceOf(AllNodesFailedException.class);
            assertThatThrownBy(() -> open.execute("SELECT v FROM node_ks.kv WHERE k = 1")).isInstanceOf(RuntimeException.class);
        } finally {
            AdminCommandTest.Outcome enable = charybdis("admin", "-p", port(), "enablebinary");
            assertThat(enable.exitCode()).as(enable.err()).isZero();
        }
        assertThat(charybdis("admin", "-p", port(), "statusbinary").out()).containsPattern("(?m)^running$");
        try (CqlSession again = server.sessionBuilder(o -> {}).build()) {
            assertThat(again.execute("SELECT v FROM node_ks.kv WHERE k = 1").one().getString("v")).isEqualTo("one");
        }
    }

    @Test
    void scyllaPathsFlushAndCompactAKeyspacesTables() {
        assertThat(HttpPost.post(server.apiPort(), "/storage_service/keyspace_flush/node_ks?cf=kv").statusCode()).isEqualTo(200);
        assertThat(HttpPost.post(server.apiPort(), "/storage_service/keyspace_compaction/node_ks").statusCode()).isEqualTo(200);
        var unknown = HttpPost.post(server.apiPort(), "/storage_service/keyspace_flush/node_ks?cf=nope");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Table 'node_ks.nope' does not exist");
    }

    @Test
    void scyllaPathsAnswerTheNodesFacts() {
        String hostId = HttpGet.body(server.apiPort(), "/storage_service/hostid/local").strip();
        assertThat(hostId).matches("\"[0-9a-f-]{36}\"");
        assertThat(HttpGet.body(server.apiPort(), "/storage_service/host_id")).contains("\"key\" : \"127.0.0.1\"").contains(hostId);
        assertThat(HttpGet.body(server.apiPort(), "/storage_service/release_version").strip()).isEqualTo("\"" + CharybdisServer.RELEASE_VERSION + "\"");
        assertThat(HttpGet.body(server.apiPort(), "/storage_service/operation_mode").strip()).isEqualTo("\"NORMAL\"");
        assertThat(HttpGet.body(server.apiPort(), "/storage_service/native_transport").strip()).isEqualTo("true");
        assertThat(HttpGet.body(server.apiPort(), "/storage_service/keyspaces?type=user")).contains("\"node_ks\"").doesNotContain("\"system\"");
        assertThat(HttpGet.body(server.apiPort(), "/storage_service/keyspaces")).contains("\"node_ks\"").contains("\"system\"");
        assertThat(HttpGet.get(server.apiPort(), "/storage_service/keyspaces?type=odd").body()).contains("use all, user or non_local_strategy");
    }

    @Test
    void clearsnapshotWantsATagOrAll() {
        AdminCommandTest.Outcome neither = charybdis("admin", "-p", port(), "clearsnapshot", "node_ks");

        assertThat(neither.exitCode()).isEqualTo(1);
        assertThat(neither.err()).contains("Specify a snapshot name with -t or remove them all with --all");
    }

    private static String port() {
        return Integer.toString(server.apiPort());
    }
}
