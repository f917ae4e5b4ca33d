package org.charybdis.tools.iotune;

import org.charybdis.scheduler.io.IoCapacity;
import org.charybdis.scheduler.io.IoProperties;
import org.charybdis.server.cli.CharybdisCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code charybdis iotune} through the main command, as an operator runs it. */
class IoTuneCommandTest {
    @TempDir
    Path dir;

    @Test
    void measuresATinyFileAndWritesPropertiesTheSchedulerAccepts() throws Exception {
        Path properties = dir.resolve("conf/io_properties.yaml");
        Path evaluation = Files.createDirectory(dir.resolve("data"));
        Run run = run("--evaluation-directory", evaluation.toString(), "--properties-file", properties.toString(),
                "--duration", "0.3", "--file-size", "4M", "--concurrency", "4");

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("block size 4096 bytes", "random read", "random write", "sequential read", "sequential write",
                "O_DIRECT", "Wrote " + properties);
        IoCapacity capacity = IoProperties.load(properties);
        assertThat(capacity.readIops()).isPositive();
        assertThat(capacity.writeIops()).isPositive();
        assertThat(capacity.readBandwidthBytesPerSec()).isPositive();
        assertThat(capacity.writeBandwidthBytesPerSec()).isPositive();
        assertThat(capacity.isUnlimited()).isFalse();
        assertThat(Files.readString(properties)).contains("- mountpoint: " + MountPoint.of(evaluation));
        try (Stream<Path> left = Files.list(evaluation)) {
            assertThat(left).as("the test file is removed").isEmpty();
        }
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Run run = run("--evaluation-directory", dir.resolve("nowhere").toString(), "--properties-file", dir.resolve("p.yaml").toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("charybdis iotune: the evaluation directory " + dir.resolve("nowhere") + " does not exist");
        assertThat(dir.resolve("p.yaml")).doesNotExist();
    }

    @Test
    void aFileIsNotADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Run run = run("--evaluation-directory", file.toString(), "--properties-file", dir.resolve("p.yaml").toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("is not a directory");
    }

    @Test
    void aTestFileLargerThanTheFreeSpaceIsRefusedBeforeWriting() throws Exception {
        Run run = run("--evaluation-directory", dir.toString(), "--properties-file", dir.resolve("p.yaml").toString(), "--file-size", "100T");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("not enough free space in", "it needs 100.00 TiB", "pass a smaller --file-size");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void badOptionValuesAreRefusedWithTheOptionNamed() {
        String d = dir.toString();
        assertRefused("--duration must be seconds per test", "--evaluation-directory", d, "--duration", "soon");
        assertRefused("--duration must be more than 0", "--evaluation-directory", d, "--duration", "0");
        assertRefused("--duration must be seconds per test", "--evaluation-directory", d, "--duration", "-1");
        assertRefused("--file-size: not a size: 'big'", "--evaluation-directory", d, "--file-size", "big");
        assertRefused("--file-size must be positive", "--evaluation-directory", d, "--file-size", "0");
        assertRefused("--concurrency must be between 1 and 1024", "--evaluation-directory", d, "--concurrency", "0");
        assertRefused("--file-size must be at least 4.00 MiB with --concurrency 32", "--evaluation-directory", d,
                "--file-size", "1M", "--concurrency", "32");
        assertRefused("Missing required option: '--evaluation-directory=<dir>'");
    }

    @Test
    void thePropertiesFileMustBeWritable() throws Exception {
        Path properties = Files.createDirectory(dir.resolve("a-directory"));
        assertRefused("--properties-file " + properties + " is a directory", "--evaluation-directory", dir.toString(),
                "--properties-file", properties.toString());
    }

    @Test
    void helpListsTheOptions() {
        CommandLine line = CharybdisCommand.commandLine();
        assertThat(line.getSubcommands()).containsKey("iotune");
        assertThat(line.getSubcommands().get("iotune").getUsageMessage())
                .contains("--evaluation-directory", "--properties-file", "--duration", "--file-size", "--concurrency");
    }

    private void assertRefused(String message, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--properties-file", dir.resolve("refused.yaml").toString()))
                .toArray(String[]::new);
        if (message.startsWith("--properties-file")) all = args;
        Run run = run(all);
        assertThat(run.code).as(run.err).isEqualTo(2);
        assertThat(run.err).contains(message);
        assertThat(dir.resolve("refused.yaml")).doesNotExist();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = CharybdisCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        String[] withCommand = Stream.concat(Stream.of("iotune"), Stream.of(args)).toArray(String[]::new);
        int code = line.execute(withCommand);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) { }
}
