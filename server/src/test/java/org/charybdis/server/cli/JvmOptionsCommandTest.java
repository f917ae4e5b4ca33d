package org.charybdis.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code charybdis jvm-options}: reads `memory` as the server does (file, then options) and prints the JVM flags. */
class JvmOptionsCommandTest {
    @TempDir
    Path dir;

    @Test
    void memoryComesFromTheConfigFile() throws IOException {
        CharybdisCommandTest.Outcome outcome = CharybdisCommandTest.run("jvm-options", "--config=" + config("memory: 2G\nsmp: 2\n"));

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).startsWith("-Xmx1276m -XX:MaxDirectMemorySize=675m ");
    }

    @Test
    void anOptionOverridesTheConfigFileInEitherSpelling() throws IOException {
        Path config = config("memory: 2G\nsmp: 2\n");

        assertThat(CharybdisCommandTest.run("jvm-options", "--config=" + config, "--memory=1G").out()).startsWith("-Xmx560m ");
        assertThat(CharybdisCommandTest.run("jvm-options", "--config=" + config, "--memory", "1g").out()).startsWith("-Xmx560m ");
        assertThat(CharybdisCommandTest.run("jvm-options", "-c", config.toString(), "--memtable-total-space=0.25").out())
                .startsWith("-Xmx1550m ");
    }

    @Test
    void argumentsOnlyTheServerKnowsAreLeftToIt() throws IOException {
        CharybdisCommandTest.Outcome outcome = CharybdisCommandTest.run("jvm-options", "--config=" + config("smp: 2\n"), "--help", "--version");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).startsWith("-Xmx560m ");
    }

    @Test
    void aBadValueIsAConfigurationErrorAsTheServerWouldReport() throws IOException {
        CharybdisCommandTest.Outcome outcome = CharybdisCommandTest.run("jvm-options", "--config=" + config("memory: lots\n"));

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("configuration error").contains("memory").contains("lots");
        assertThat(outcome.out()).isEmpty();
    }

    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("charybdis.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
