package org.charybdis.tools.iotune;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * The file the tests read and write: created in the evaluation directory, written in full before any test so that
 * reads hit allocated blocks (not holes the file system answers from memory) and writes overwrite them, opened with
 * O_DIRECT when the file system allows it, and deleted on close or, after Ctrl-C, by a shutdown hook.
 */
final class TestFile implements AutoCloseable {
    private static final int FILL_CHUNK = 1 << 20;

    private final Path path;
    private final long size;
    private final Thread deleteOnExit;
    private FileChannel channel;

    private TestFile(Path path, long size) {
        this.path = path;
        this.size = size;
        this.deleteOnExit = new Thread(this::deleteQuietly, "iotune-cleanup");
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
    }

    /** Creates the file (empty) in {@code directory}; {@link #open} then fills it. */
    static TestFile create(Path directory, long size) throws IOException {
        return new TestFile(Files.createTempFile(directory, "charybdis-iotune-", ".tmp"), size);
    }

    /**
     * Opens the file for the tests, with O_DIRECT if {@code tryDirect} and the file system accepts it, and writes
     * all of it. Returns false when it fell back to buffered IO.
     */
    boolean open(boolean tryDirect, int blockSize) throws IOException {
        if (tryDirect) {
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            } catch (UnsupportedOperationException | IOException e) {
                // tmpfs before Linux 6.6 and some FUSE file systems refuse O_DIRECT with EINVAL
            }
        }
        boolean direct = channel != null;
        if (!direct) channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        fill(blockSize);
        return direct;
    }

    FileChannel channel() { return channel; }

    Path path() { return path; }

    long size() { return size; }

    /** Sequential 1 MiB writes of random bytes, every block stamped with its offset so none deduplicates. */
    private void fill(int blockSize) throws IOException {
        int chunk = Math.toIntExact(Alignment.roundUp(FILL_CHUNK, blockSize));
        ByteBuffer buffer = Alignment.buffer(chunk, blockSize);
        LoadRunner.fillRandomly(buffer, new SplittableRandom(size));
        for (long offset = 0; offset < size; offset += chunk) {
            int length = (int) Math.min(chunk, size - offset); // size is a whole number of blocks
            for (int block = 0; block < length; block += blockSize) buffer.putLong(block, offset + block);
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) channel.write(buffer, offset + buffer.position());
        }
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel != null) channel.close();
        } finally {
            try {
                Files.deleteIfExists(path);
            } finally {
                removeShutdownHook();
            }
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(deleteOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it deletes the file too
        }
    }

    /** The shutdown hook: Ctrl-C (or a kill) during the run. */
    private void deleteQuietly() {
        try {
            if (Files.deleteIfExists(path)) System.err.println(System.lineSeparator() + "charybdis iotune: interrupted; removed the test file " + path);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("charybdis iotune: could not delete the test file " + path + ": " + e.getMessage());
        }
    }
}
