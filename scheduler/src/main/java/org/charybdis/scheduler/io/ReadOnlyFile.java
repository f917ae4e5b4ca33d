package org.charybdis.scheduler.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file opened for reading through an {@link IoQueue}: its FileChannel, which the IO threads read, and where the
 * platform allows a second descriptor, with which the owning shard reads what the page cache holds without
 * waiting for an IO thread (see {@link PageCacheReads}).
 */
public final class ReadOnlyFile implements Closeable {
    private final FileChannel channel;
    private final int descriptor;

    private ReadOnlyFile(FileChannel channel, int descriptor) {
        this.channel = channel;
        this.descriptor = descriptor;
    }

    /** Opens the file; blocking, so on an IO thread or at start-up. */
    public static ReadOnlyFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        return new ReadOnlyFile(channel, PageCacheReads.open(path));
    }

    public FileChannel channel() {
        return channel;
    }

    public long size() throws IOException {
        return channel.size();
    }

    /** The descriptor for page-cache reads, or -1 (every read then goes to the IO threads). */
    int descriptor() {
        return descriptor;
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            PageCacheReads.close(descriptor);
        }
    }
}
