package org.charybdis.server.trigger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.testing.CqlAssertions.assertInvalid;

/**
 * Triggers through the Java driver: CREATE and DROP TRIGGER with Cassandra 5.0.6's checks and messages, their rows in
 * system_schema.triggers, and a trigger compiled here against the server's classes, put in the triggers
 * directory as a jar, whose mutations land with the writes (on both shards) and still do after a restart.
 */
class TriggersTest {
    private static final Path TRIGGERS_DIR = tempDirectory();

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.TRIGGERS_DIR, TRIGGERS_DIR.toString());

    /** The example of docs/triggers.md: keeps users_by_email in step with users. */
    static final String EMAIL_INDEX = """
            package com.example;

            import java.util.ArrayList;
            import java.util.List;
            import org.charybdis.server.trigger.PartitionWrite;
            import org.charybdis.server.trigger.Trigger;
            import org.charybdis.server.trigger.TriggerMutation;

            public class EmailIndex implements Trigger {
                @Override
                public List<TriggerMutation> augment(PartitionWrite write) {
                    List<TriggerMutation> index = new ArrayList<>();
                    for (PartitionWrite.RowWrite row : write.rows()) {
                        Object email = row.values().get("email");
                        if (email == null) continue;
                        index.add(TriggerMutation.upsert(write.keyspace(), "users_by_email")
                                .set("email", email).set("id", write.partitionKey().get("id")));
                    }
                    return index;
                }
            }
            """;

    @Test
    void createAndDropTriggersWithCassandrasChecks() {
        CqlSession session = server.session();
        TriggerJar.build(TRIGGERS_DIR.resolve("email-index.jar"), "com.example.EmailIndex", EMAIL_INDEX);
        run(session, keyspace("trg_ddl"),
                "CREATE TABLE trg_ddl.users (id int PRIMARY KEY, email text)",
                "CREATE TABLE trg_ddl.users_by_email (email text PRIMARY KEY, id int)",
                "CREATE TABLE trg_ddl.hits (k int PRIMARY KEY, n counter)",
                "CREATE MATERIALIZED VIEW trg_ddl.mv AS SELECT * FROM trg_ddl.users WHERE id IS NOT NULL AND email IS NOT NULL PRIMARY KEY (email, id)");
        assertInvalid(session, "CREATE TRIGGER tr ON trg_ddl.users USING 'org.example.Nope'", "Trigger class 'org.example.Nope' couldn't be loaded");
        assertInvalid(session, "CREATE TRIGGER tr ON trg_ddl.nope USING 'com.example.EmailIndex'", "Table 'nope' doesn't exist");
        assertInvalid(session, "CREATE TRIGGER tr ON nope.users USING 'com.example.EmailIndex'", "Keyspace 'nope' doesn't exist");
        assertInvalid(session, "CREATE TRIGGER tr ON trg_ddl.mv USING 'com.example.EmailIndex'", "Cannot CREATE TRIGGER for a materialized view");
        assertInvalid(session, "CREATE TRIGGER tr ON trg_ddl.users USING 'java.lang.String'",
                "Trigger class 'java.lang.String' doesn't implement org.charybdis.server.trigger.Trigger (Cassandra's ITrigger classes do not run on Charybdis: see docs/triggers.md)");
        assertInvalid(session, "DROP TRIGGER tr ON trg_ddl.users", "Trigger 'tr' on 'trg_ddl.users' doesn't exist");
        assertInvalid(session, "DROP TRIGGER tr ON trg_ddl.nope", "Trigger 'tr' on 'trg_ddl.nope' doesn't exist");
        run(session, "DROP TRIGGER IF EXISTS tr ON trg_ddl.users", "DROP TRIGGER IF EXISTS tr ON nope.users",
                "CREATE TRIGGER \"Email\" ON trg_ddl.users USING 'com.example.EmailIndex'",
                "CREATE TRIGGER IF NOT EXISTS \"Email\" ON trg_ddl.users USING 'org.example.Nope'",
                "CREATE TRIGGER tr ON trg_ddl.hits USING 'com.example.EmailIndex'");
        assertInvalid(session, "CREATE TRIGGER \"Email\" ON trg_ddl.users USING 'com.example.EmailIndex'", "Trigger 'Email' already exists");

        assertThat(ResultRows.rows(session, "SELECT table_name, trigger_name, options FROM system_schema.triggers WHERE keyspace_name = 'trg_ddl'"))
                .containsExactly("hits, tr, {class=com.example.EmailIndex}", "users, Email, {class=com.example.EmailIndex}");
        // Cassandra 5.0's DESCRIBE never prints triggers
        assertThat(ResultRows.rows(session, "DESCRIBE TABLE trg_ddl.users")).noneMatch(r -> r.contains("TRIGGER"));

        run(session, "DROP TRIGGER \"Email\" ON trg_ddl.users", "DROP TRIGGER tr ON trg_ddl.hits");
        assertThat(ResultRows.rows(session, "SELECT trigger_name FROM system_schema.triggers WHERE keyspace_name = 'trg_ddl'")).isEmpty();
    }

    @Test
    void aJarAddedWhileTheNodeRunsIsFoundByTheNextCreateTrigger() {
        CqlSession session = server.session();
        run(session, keyspace("trg_late"), "CREATE TABLE trg_late.t (k int PRIMARY KEY, v int)",
                "CREATE TABLE trg_late.t_log (k int PRIMARY KEY, changed text)");
        assertInvalid(session, "CREATE TRIGGER log ON trg_late.t USING 'com.example.late.WriteLog'",
                "Trigger class 'com.example.late.WriteLog' couldn't be loaded");
        TriggerJar.build(TRIGGERS_DIR.resolve("late.jar"), "com.example.late.WriteLog", WRITE_LOG.replace("package com.example;", "package com.example.late;"));
        run(session, "CREATE TRIGGER log ON trg_late.t USING 'com.example.late.WriteLog'", "INSERT INTO trg_late.t (k, v) VALUES (3, 4)");
        assertThat(ResultRows.rows(session, "SELECT k, changed FROM trg_late.t_log")).containsExactly("3, v");
    }

    @Test
    void aTriggersMutationsLandWithTheWriteAndSurviveARestart() {
        CqlSession session = server.session();
        TriggerJar.build(TRIGGERS_DIR.resolve("email-index.jar"), "com.example.EmailIndex", EMAIL_INDEX);
        run(session, keyspace("trg_write"),
                "CREATE TABLE trg_write.users (id int PRIMARY KEY, email text, name text)",
                "CREATE TABLE trg_write.users_by_email (email text PRIMARY KEY, id int)",
                "CREATE TRIGGER email_index ON trg_write.users USING 'com.example.EmailIndex'");
        List<String> expected = new ArrayList<>();
        for (int id = 0; id < 20; id++) { // the index partitions fall on both shards
            session.execute("INSERT INTO trg_write.users (id, email, name) VALUES (?, ?, 'n')", id, "user" + id + "@example.com");
            expected.add("user" + id + "@example.com, " + id);
        }
        session.execute("BEGIN BATCH INSERT INTO trg_write.users (id, email) VALUES (100, 'a@b') ; "
                + "UPDATE trg_write.users SET name = 'only a name' WHERE id = 101 ; APPLY BATCH");
        expected.add("a@b, 100");
        assertThat(ResultRows.rows(session, "SELECT email, id FROM trg_write.users_by_email")).containsExactlyInAnyOrderElementsOf(expected);

        server.restart();
        session = server.session();
        assertThat(ResultRows.rows(session, "SELECT email, id FROM trg_write.users_by_email")).containsExactlyInAnyOrderElementsOf(expected);
        session.execute("UPDATE trg_write.users SET email = 'new@example.com' WHERE id = 7");
        assertThat(ResultRows.rows(session, "SELECT id FROM trg_write.users_by_email WHERE email = 'new@example.com'")).containsExactly("7");
    }

    @Test
    void aTriggerThatFailsFailsTheWholeWrite() {
        CqlSession session = server.session();
        TriggerJar.build(TRIGGERS_DIR.resolve("bad.jar"), "com.example.Bad", """
                package com.example;

                import java.util.List;
                import org.charybdis.server.trigger.*;

                public class Bad implements Trigger {
                    @Override
                    public List<TriggerMutation> augment(PartitionWrite write) {
                        return List.of(TriggerMutation.upsert(write.keyspace(), "missing").set("k", 1));
                    }
                }
                """);
        run(session, keyspace("trg_bad"),
                "CREATE TABLE trg_bad.t (k int PRIMARY KEY, v int)",
                "CREATE TRIGGER bad ON trg_bad.t USING 'com.example.Bad'");
        assertInvalid(session, "INSERT INTO trg_bad.t (k, v) VALUES (1, 1)", "A trigger wrote to trg_bad.missing, which doesn't exist");
        assertThat(ResultRows.rows(session, "SELECT k FROM trg_bad.t")).isEmpty();
    }

    /** Adds a row to {@code <table>_log} of the same keyspace for every row written; a counter write's too. */
    static final String WRITE_LOG = """
            package com.example;

            import java.util.ArrayList;
            import java.util.List;
            import org.charybdis.server.trigger.*;

            public class WriteLog implements Trigger {
                @Override
                public List<TriggerMutation> augment(PartitionWrite write) {
                    List<TriggerMutation> log = new ArrayList<>();
                    for (PartitionWrite.RowWrite row : write.rows()) {
                        log.add(TriggerMutation.upsert(write.keyspace(), write.table() + "_log")
                                .set("k", write.partitionKey().get("k")).set("changed", String.join(",", row.changed())));
                    }
                    return log;
                }
            }
            """;

    @Test
    void aLightweightTransactionsTriggerMayWriteOnlyItsOwnPartition() {
        CqlSession session = server.session();
        TriggerJar.build(TRIGGERS_DIR.resolve("write-log.jar"), "com.example.WriteLog", WRITE_LOG);
        run(session, keyspace("trg_cas"),
                "CREATE TABLE trg_cas.t (k int, c int, v int, PRIMARY KEY (k, c))",
                "CREATE TABLE trg_cas.t_log (k int PRIMARY KEY, changed text)",
                "CREATE TRIGGER log ON trg_cas.t USING 'com.example.WriteLog'",
                "CREATE TABLE trg_cas.hits (k int PRIMARY KEY, n counter)",
                "CREATE TABLE trg_cas.hits_log (k int PRIMARY KEY, changed text)",
                "CREATE TRIGGER log ON trg_cas.hits USING 'com.example.WriteLog'");
        assertInvalid(session, "INSERT INTO trg_cas.t (k, c, v) VALUES (1, 1, 1) IF NOT EXISTS",
                "table of additional mutation does not match primary update table");
        assertThat(ResultRows.rows(session, "SELECT k FROM trg_cas.t")).isEmpty();
        assertInvalid(session, "UPDATE trg_cas.hits SET n = n + 1 WHERE k = 1",
                "Counter mutations and trigger mutations cannot be applied together atomically.");
        assertThat(ResultRows.rows(session, "SELECT k FROM trg_cas.hits")).isEmpty();

        session.execute("INSERT INTO trg_cas.t (k, c, v) VALUES (2, 1, 1)");
        assertThat(ResultRows.rows(session, "SELECT k, changed FROM trg_cas.t_log")).containsExactly("2, v");
    }

    /** Writes to trg_out whatever the written row's {@code what} asks for, to show how bad mutations are refused. */
    static final String ON_DEMAND = """
            package com.example;

            import java.util.List;
            import org.charybdis.server.trigger.*;

            public class OnDemand implements Trigger {
                @Override
                public List<TriggerMutation> augment(PartitionWrite write) {
                    String what = (String) write.rows().get(0).values().get("what");
                    Object k = write.partitionKey().get("k");
                    return switch (what) {
                        case "static" -> List.of(TriggerMutation.upsert("trg_out", "wide").set("k", k).set("s", "static of " + k));
                        case "row" -> List.of(TriggerMutation.upsert("trg_out", "wide").set("k", k).set("c", 1).set("v", 10).set("s", "row"));
                        case "delete row" -> List.of(TriggerMutation.delete("trg_out", "wide").set("k", k).set("c", 1));
                        case "no clustering" -> List.of(TriggerMutation.upsert("trg_out", "wide").set("k", k).set("v", 1));
                        case "delete a value" -> List.of(TriggerMutation.delete("trg_out", "wide").set("k", k).set("v", 1));
                        case "no key" -> List.of(TriggerMutation.upsert("trg_out", "wide").set("c", 1));
                        case "wrong type" -> List.of(TriggerMutation.upsert("trg_out", "wide").set("k", "one").set("c", 1));
                        case "unknown column" -> List.of(TriggerMutation.upsert("trg_out", "wide").set("k", k).set("c", 1).set("nope", 1));
                        case "collection" -> List.of(TriggerMutation.upsert("trg_out", "wide").set("k", k).set("c", 1).set("l", List.of(1)));
                        case "view" -> List.of(TriggerMutation.upsert("trg_out", "wide_by_v").set("v", 1).set("k", k).set("c", 1));
                        case "counter" -> List.of(TriggerMutation.upsert("trg_out", "hits").set("k", k).set("n", 1L));
                        case "throw" -> throw new IllegalStateException("refused by the trigger");
                        default -> List.of();
                    };
                }
            }
            """;

    @Test
    void mutationsAreCheckedAsStatementsAreAndARefusalAppliesNothing() {
        CqlSession session = server.session();
        TriggerJar.build(TRIGGERS_DIR.resolve("on-demand.jar"), "com.example.OnDemand", ON_DEMAND);
        run(session, keyspace("trg_out"),
                "CREATE TABLE trg_out.cmd (k int PRIMARY KEY, what text)",
                "CREATE TABLE trg_out.wide (k int, c int, v int, s text static, l list<int>, PRIMARY KEY (k, c))",
                "CREATE MATERIALIZED VIEW trg_out.wide_by_v AS SELECT k, c, v FROM trg_out.wide WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k, c)",
                "CREATE TABLE trg_out.hits (k int PRIMARY KEY, n counter)",
                "CREATE TRIGGER on_demand ON trg_out.cmd USING 'com.example.OnDemand'",
                "INSERT INTO trg_out.cmd (k, what) VALUES (1, 'static')",
                "INSERT INTO trg_out.cmd (k, what) VALUES (2, 'row')");
        assertThat(ResultRows.rows(session, "SELECT k, c, v, s FROM trg_out.wide")).containsExactly("1, null, null, static of 1", "2, 1, 10, row");
        assertThat(ResultRows.rows(session, "SELECT v, k, c FROM trg_out.wide_by_v")).containsExactly("10, 2, 1");
        session.execute("INSERT INTO trg_out.cmd (k, what) VALUES (2, 'delete row')");
        assertThat(ResultRows.rows(session, "SELECT k, c, v, s FROM trg_out.wide")).containsExactly("1, null, null, static of 1", "2, null, null, row");

        assertInvalid(session, "INSERT INTO trg_out.cmd (k, what) VALUES (3, 'no clustering')", "Some clustering keys are missing: c");
        assertInvalid(session, "INSERT INTO trg_out.cmd (k, what) VALUES (3, 'delete a value')",
                "A trigger's delete from trg_out.wide names key columns only (v is not one)");
        assertInvalid(session, "INSERT INTO trg_out.cmd (k, what) VALUES (3, 'no key')",
                "Missing mandatory PRIMARY KEY part k (a trigger's write to trg_out.wide)");
        assertInvalid(session, "INSERT INTO trg_out.cmd (k, what) VALUES (3, 'wrong type')",
                "Invalid value one (java.lang.String) for column k of type int in a trigger's write to trg_out.wide");
        assertInvalid(session, "INSERT INTO trg_out.cmd (k, what) VALUES (3, 'unknown column')", "Undefined column name nope in table trg_out.wide");
        assertInvalid(session, "INSERT INTO trg_out.cmd (k, what) VALUES (3, 'collection')", "A trigger cannot set the non-frozen column l of trg_out.wide");
        assertInvalid(session, "INSERT INTO trg_out.cmd (k, what) VALUES (3, 'view')",
                "Cannot directly modify a materialized view (a trigger wrote to trg_out.wide_by_v)");
        assertInvalid(session, "INSERT INTO trg_out.cmd (k, what) VALUES (3, 'counter')", "A trigger cannot write to the counter table trg_out.hits");
        assertThatThrownBy(() -> session.execute("INSERT INTO trg_out.cmd (k, what) VALUES (3, 'throw')"))
                .isInstanceOf(ServerError.class).hasMessageContaining("refused by the trigger");
        assertThat(ResultRows.rows(session, "SELECT k FROM trg_out.cmd WHERE k = 3")).isEmpty();
    }

    private static void run(CqlSession session, String... statements) {
        for (String cql : statements) session.execute(cql);
    }

    private static String keyspace(String name) {
        return "CREATE KEYSPACE " + name + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("charybdis-triggers-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
