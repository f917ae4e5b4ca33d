package org.charybdis.tools.iotune;

import org.charybdis.tools.bench.ByteAmount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code charybdis iotune}: measures the data disk as ScyllaDB's iotune does and writes io_properties.yaml, the disk
 * capacity the server's IO scheduler reads through {@code io_properties_file}.
 * Exit codes: 0 done, 1 the measurement failed, 2 bad options or an unusable directory.
 */
@Command(name = "iotune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the data disk (4 KiB random read/write IOPS, 128 KiB sequential read/write bandwidth, with O_DIRECT)"
                + " and write io_properties.yaml for the IO scheduler.",
                "Then set io_properties_file in conf/charybdis.yaml to the file written."})
public final class IoTuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--evaluation-directory", paramLabel = "<dir>", required = true,
            description = "A directory on the disk to measure: the data directory (data_file_directories / workdir)")
    Path evaluationDirectory;

    @Option(names = "--properties-file", paramLabel = "<file>",
            description = "Where to write the results (default: $CHARYBDIS_HOME/conf/io_properties.yaml, else ./io_properties.yaml)")
    Path propertiesFile;

    @Option(names = "--duration", paramLabel = "<seconds>", defaultValue = "10",
            description = "Seconds each of the four tests runs, e.g. 10, 0.5 or 300ms (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--file-size", paramLabel = "<size>", defaultValue = "1G",
            description = "Size of the test file, e.g. 1G or 512M; it must fit the free space (default: ${DEFAULT-VALUE})")
    String fileSize;

    @Option(names = "--concurrency", paramLabel = "<n>",
            description = "Requests in flight, one thread each (default: 4 per core, at least 64; try more on NVMe arrays)")
    Integer concurrency;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            IoTuneSettings settings = settings();
            Path target = prepareTarget(settings.propertiesFile());
            DiskReport report = new DiskEvaluation(settings, out).run();
            out.println();
            out.print(report.summary());
            IoPropertiesWriter.write(target, IoPropertiesWriter.format(report.mountPoint().toString(), report.capacity(),
                    report.propertiesComment()));
            out.println("Wrote " + target + "; the server reads it with io_properties_file: " + target + " in conf/charybdis.yaml");
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            out.flush();
            err.println("charybdis iotune: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            out.println();
            out.flush();
            err.println("charybdis iotune: the measurement failed: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        } finally {
            err.flush();
        }
    }

    IoTuneSettings settings() {
        long size;
        try {
            size = ByteAmount.parse(fileSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--file-size: " + e.getMessage());
        }
        Path properties = propertiesFile != null ? propertiesFile
                : IoTuneSettings.defaultPropertiesFile(System.getenv("CHARYBDIS_HOME"));
        int inFlight = concurrency != null ? concurrency : IoTuneSettings.defaultConcurrency();
        return new IoTuneSettings(evaluationDirectory, properties, IoTuneSettings.parseDuration(duration), size, inFlight, true);
    }

    /** Fails before minutes of measuring, not after, when the results could not be written. */
    private static Path prepareTarget(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) throw new IllegalArgumentException("--properties-file " + file + " is a directory; name a file");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the directory of --properties-file " + file + ": " + e.getMessage());
        }
        if (!Files.isWritable(target.getParent()) || Files.exists(target) && !Files.isWritable(target)) {
            throw new IllegalArgumentException("cannot write --properties-file " + file + ": permission denied");
        }
        return target;
    }
}
