package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.trigger.TriggerJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Python driver's table metadata shows a table's triggers (it reads system_schema.triggers), as against Cassandra. */
class PythonDriverTriggersTest {
    private static final Path TRIGGERS_DIR = tempDirectory();

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().with(ServerConfig.TRIGGERS_DIR, TRIGGERS_DIR.toString());

    @Test
    void theDriversMetadataListsTheTriggers() throws IOException, InterruptedException {
        PythonDriverSessionTest.requireDriver();
        TriggerJar.build(TRIGGERS_DIR.resolve("noop.jar"), "com.example.Noop", """
                package com.example;

                import java.util.List;
                import org.charybdis.server.trigger.*;

                public class Noop implements Trigger {
                    @Override
                    public List<TriggerMutation> augment(PartitionWrite write) {
                        return List.of();
                    }
                }
                """);
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE trg_py WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE trg_py.t (k int PRIMARY KEY)");
        session.execute("CREATE TRIGGER noop ON trg_py.t USING 'com.example.Noop'");
        String script = """
                import sys
                from cassandra.cluster import Cluster
                cluster = Cluster(['127.0.0.1'], port=int(sys.argv[1]))
                cluster.connect()
                for name, trigger in cluster.metadata.keyspaces['trg_py'].tables['t'].triggers.items():
                    print('trigger', name, trigger.options['class'], trigger.as_cql_query())
                cluster.shutdown()
                """;
        PythonDriverSessionTest.Outcome outcome = PythonDriverSessionTest.run(
                List.of(PythonDriverSessionTest.PYTHON, "-c", script, Integer.toString(server.nativePort())), 120);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("trigger noop com.example.Noop CREATE TRIGGER noop ON trg_py.t USING 'com.example.Noop'");
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("charybdis-triggers-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
