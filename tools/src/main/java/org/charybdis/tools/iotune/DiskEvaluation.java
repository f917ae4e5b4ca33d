package org.charybdis.tools.iotune;

import org.charybdis.tools.bench.ByteAmount;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One iotune run: checks the evaluation directory, writes the test file, runs the four tests on it and deletes it.
 * Problems the operator must fix (a missing directory, no space) are IllegalArgumentExceptions; IO failures during
 * the tests are IOExceptions.
 */
final class DiskEvaluation {
    private static final long SEED = 42;

    private final IoTuneSettings settings;
    private final PrintWriter out;

    DiskEvaluation(IoTuneSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    DiskReport run() throws IOException, InterruptedException {
        Path directory = checkDirectory(settings.directory());
        int blockSize = BlockSize.of(directory);
        long fileSize = testFileSize(blockSize);
        checkFreeSpace(directory, fileSize);
        Path mountPoint = MountPoint.of(directory);
        String fileSystem = Files.getFileStore(directory).type();
        out.printf(Locale.ROOT, "Evaluating %s (%s mounted on %s), block size %d bytes, %d requests in flight%n",
                directory, fileSystem, mountPoint, blockSize, settings.concurrency());
        try (TestFile file = createTestFile(directory, fileSize)) {
            out.printf("Writing the %s test file %s%n", ByteAmount.format(fileSize), file.path());
            out.flush();
            boolean direct = file.open(settings.tryDirect(), blockSize);
            if (!direct) {
                out.printf("O_DIRECT not supported on %s (%s); measuring buffered IO, results are optimistic%n", fileSystem, mountPoint);
            }
            LoadRunner runner = new LoadRunner(file.channel(), fileSize, blockSize, settings.concurrency(), settings.durationNanos(), SEED);
            Map<IoTest, IoResult> results = new EnumMap<>(IoTest.class);
            for (IoTest test : IoTest.values()) {
                out.printf("Measuring %s %s: ", test.label, test.random ? "IOPS" : "bandwidth");
                out.flush();
                IoResult result = runner.run(test);
                results.put(test, result);
                out.println(DiskReport.figure(test, result));
                out.flush();
            }
            return new DiskReport(directory, mountPoint, fileSystem, blockSize, direct, fileSize, settings.concurrency(),
                    settings.durationNanos(), results);
        }
    }

    private static Path checkDirectory(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            throw new IllegalArgumentException("the evaluation directory " + directory + " does not exist:"
                    + " create it on the disk that holds the data, or pass another --evaluation-directory");
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--evaluation-directory " + directory + " is not a directory");
        }
        if (!Files.isWritable(directory)) throw notWritable(directory, "permission denied");
        return directory.toRealPath();
    }

    /** A whole number of the largest request, with a stripe of at least one such request per sequential stream. */
    private long testFileSize(int blockSize) {
        int largest = IoTest.largestRequest(blockSize);
        long minimum = (long) settings.concurrency() * largest;
        if (settings.fileSize() < minimum) {
            throw new IllegalArgumentException("--file-size must be at least " + ByteAmount.format(minimum) + " with --concurrency "
                    + settings.concurrency() + " (one " + ByteAmount.format(largest) + " request per stream): "
                    + ByteAmount.format(settings.fileSize()));
        }
        return Alignment.roundDown(settings.fileSize(), largest);
    }

    private static void checkFreeSpace(Path directory, long fileSize) throws IOException {
        long usable = Files.getFileStore(directory).getUsableSpace();
        if (usable < fileSize) {
            throw new IllegalArgumentException("not enough free space in " + directory + " for the test file: it needs "
                    + ByteAmount.format(fileSize) + ", " + ByteAmount.format(usable) + " is available; pass a smaller --file-size");
        }
    }

    private static TestFile createTestFile(Path directory, long fileSize) throws IOException {
        try {
            return TestFile.create(directory, fileSize);
        } catch (AccessDeniedException e) {
            throw notWritable(directory, "permission denied");
        } catch (FileSystemException e) {
            throw notWritable(directory, e.getReason() == null ? e.getMessage() : e.getReason());
        }
    }

    private static IllegalArgumentException notWritable(Path directory, String reason) {
        return new IllegalArgumentException("cannot write to the evaluation directory " + directory + " (" + reason
                + "): run as the user that owns it, or pass another --evaluation-directory");
    }
}
