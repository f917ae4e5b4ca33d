package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import org.charybdis.server.itests.compat.AnswerRenderer;
import org.charybdis.server.itests.compat.CompatibilityScript;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the compatibility scripts under {@code src/test/resources/compat} through the Java driver and compares
 * every answer with the one Apache Cassandra 5.0 gave (see {@link CompatibilityScript} for the format).
 *
 * <p>To re-record the answers from a Cassandra 5.0 node (run from the {@code server} module, which rewrites the
 * scripts in place, keeping comments and Charybdis's known differences):
 *
 * <pre>
 * ./mvnw -B -q -pl server -am verify -Dtest=CqlCompatibilityTest -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra \
 *   -Dcharybdis.compat.record=true
 * </pre>
 *
 * With {@code -Dcharybdis.compat.known=true} instead (and no external node), the scripts' known differences
 * ({@code ~} lines) are rewritten from Charybdis's current answers: review that diff before committing it.
 */
class CqlCompatibilityTest {
    private static final List<String> SCRIPTS = List.of("types.cql", "literals.cql", "conversions.cql",
            "collections.cql", "udts.cql", "statics.cql", "ttl-timestamps.cql", "deletions.cql", "compact-storage.cql",
            "vectors.cql", "triggers.cql");
    private static final Path SOURCES = Path.of("src/test/resources/compat");

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @TestFactory
    Stream<DynamicTest> scripts() {
        boolean record = Boolean.getBoolean("charybdis.compat.record");
        boolean known = Boolean.getBoolean("charybdis.compat.known");
        return SCRIPTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            CompatibilityScript script = CompatibilityScript.parse(read(name));
            if (record) record(name, script, CompatibilityScript.Case::withExpected);
            else if (known) record(name, script, CompatibilityScript.Case::withCharybdisAnswer);
            else check(name, script);
        }));
    }

    private static void check(String name, CompatibilityScript script) {
        AnswerRenderer renderer = new AnswerRenderer(session());
        List<String> differences = new ArrayList<>();
        for (CompatibilityScript.Case c : script.cases()) {
            List<String> answer = renderer.answer(c);
            if (!answer.equals(c.charybdisAnswer())) {
                differences.add(name + ":" + c.line() + ": " + c.cql() + "\n    expected: " + c.charybdisAnswer()
                        + "\n    actual:   " + answer);
            }
        }
        assertThat(differences).as("answers that differ from the recorded ones").isEmpty();
    }

    /** Runs the script and rewrites it with each answer stored by {@code store}. */
    private static void record(String name, CompatibilityScript script,
                               BiFunction<CompatibilityScript.Case, List<String>, CompatibilityScript.Case> store) throws IOException {
        AnswerRenderer renderer = new AnswerRenderer(session());
        List<CompatibilityScript.Case> recorded = new ArrayList<>();
        for (CompatibilityScript.Case c : script.cases()) recorded.add(store.apply(c, renderer.answer(c)));
        Files.writeString(SOURCES.resolve(name), script.withCases(recorded).format());
    }

    private static CqlSession session() {
        // no driver-side schema metadata: each DDL would wait for its refresh; generous timeouts for Cassandra's DDL
        return server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30)));
    }

    private static String read(String name) {
        try (InputStream in = CqlCompatibilityTest.class.getResourceAsStream("/compat/" + name)) {
            if (in == null) throw new IllegalArgumentException("no script " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
