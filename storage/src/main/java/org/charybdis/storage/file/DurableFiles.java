package org.charybdis.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The blocking steps of publishing files atomically (write under a temporary name, fsync, rename, fsync the
 * directory). Run them inside an {@link org.charybdis.scheduler.io.IoQueue} task, never on a shard thread.
 */
public final class DurableFiles {
    private DurableFiles() {}

    /** Renames atomically, replacing nothing: a crash leaves either the old name or the new one. */
    public static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + from + " atomically", e);
        }
    }

    /** Makes renames, creations and deletions in the directory durable. */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Writes a whole small file and fsyncs it (TOC-like files that are not worth a sequential writer). */
    public static void writeAndSync(Path path, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            long at = 0;
            while (buffer.hasRemaining()) at += channel.write(buffer, at);
            channel.force(true);
        }
    }
}
