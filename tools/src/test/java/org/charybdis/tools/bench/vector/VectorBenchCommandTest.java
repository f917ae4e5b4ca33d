package org.charybdis.tools.bench.vector;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VectorBenchCommandTest {
    @Test
    void smallRunOverTwoShardsReportsHighRecall() {
        VectorBenchCommand command = parse("--vectors", "3000", "--dimension", "16", "--shards", "2", "--queries", "30", "--similarity", "euclidean");
        VectorBenchmark.Report report = new VectorBenchmark(command.settings(), new PrintStream(new ByteArrayOutputStream())).run();
        assertThat(report.searches()).hasSize(1);
        assertThat(report.searches().getFirst().recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(report.searches().getFirst().queriesPerSecond()).isPositive();
        assertThat(report.fileBytes()).isPositive();
        assertThat(report.text()).contains("3000 vectors of 16 dimensions (1000 clusters), euclidean similarity, 2 shard graph(s)",
                "search beam width 100: recall@10");
    }

    @Test
    void eachWidthIsMeasuredOverTheSameGraphs() {
        VectorBenchCommand command = parse("--vectors", "2000", "--dimension", "16", "--clusters", "0", "--queries", "20", "--width", "10,200");
        VectorBenchmark.Report report = new VectorBenchmark(command.settings(), new PrintStream(new ByteArrayOutputStream())).run();
        assertThat(report.searches()).extracting(VectorBenchmark.Search::width).containsExactly(10, 200);
        assertThat(report.searches().get(1).recall()).isGreaterThanOrEqualTo(report.searches().get(0).recall());
        assertThatThrownBy(() -> parse("--width", "100,0").settings()).hasMessage("--width must be positive, got 0");
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> parse("--similarity", "manhattan").settings())
                .hasMessage("--similarity must be cosine, euclidean or dot_product, got manhattan");
        assertThatThrownBy(() -> parse("--vectors", "5", "--k", "10").settings()).hasMessage("--k 10 is more than the 5 vectors");
        assertThatThrownBy(() -> parse("--dimension", "0").settings()).hasMessage("--dimension must be positive, got 0");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new VectorBenchCommand()).execute("--shards", "-1")).isEqualTo(2);
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("charybdis vector-bench: --shards must be positive, got -1");
    }

    private static VectorBenchCommand parse(String... args) {
        VectorBenchCommand command = new VectorBenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
