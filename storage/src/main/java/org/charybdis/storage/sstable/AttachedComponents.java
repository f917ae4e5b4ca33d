package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.file.DurableFiles;
import org.charybdis.storage.serialization.BufferWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Reads and writes the components built for an SSTable after it was published ({@link Component#attached()}),
 * framed, versioned and checksummed like every other component. Such a file is replaced whole (written under its
 * temporary name, synced, renamed over the old one) and deleted, quarantined and snapshotted with its SSTable.
 */
public final class AttachedComponents {
    private AttachedComponents() {}

    /** Writes (or replaces) the component of {@code sstable}; completes once it is durable. */
    public static CompletableFuture<Void> write(SSTableReader sstable, Component component, BufferWriter body, IoClass ioClass) {
        checkAttached(component);
        SSTableFiles files = sstable.files();
        byte[] framed = ComponentFraming.frame(component, files.generation(), body);
        return sstable.context().io().submit(ioClass, 0, () -> {
            DurableFiles.writeAndSync(files.temporaryPath(component), framed);
            DurableFiles.rename(files.temporaryPath(component), files.path(component));
            DurableFiles.syncDirectory(files.directory());
            return null;
        });
    }

    /** The checked body of the component (positions count from the file's start), or null when the SSTable has none. */
    public static CompletableFuture<ByteBuffer> read(SSTableReader sstable, Component component, IoClass ioClass) {
        return checked(sstable, component, ioClass, path -> ByteBuffer.wrap(Files.readAllBytes(path)))
                .thenApply(whole -> whole == null ? null
                        : whole.position(ComponentFraming.HEADER_LENGTH).limit(whole.capacity() - ComponentFraming.FOOTER_LENGTH));
    }

    /**
     * Like {@link #read}, memory-mapping the file instead of copying it to the heap (the checksum is checked once,
     * here), the body's positions counting from 0: for large components searched in place. The mapping ends when the
     * buffer is garbage collected.
     */
    public static CompletableFuture<ByteBuffer> map(SSTableReader sstable, Component component, IoClass ioClass) {
        return checked(sstable, component, ioClass, path -> {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            }
        }).thenApply(whole -> whole == null ? null : whole.slice(ComponentFraming.HEADER_LENGTH,
                whole.capacity() - ComponentFraming.HEADER_LENGTH - ComponentFraming.FOOTER_LENGTH));
    }

    private interface FileLoader {
        ByteBuffer load(Path path) throws IOException;
    }

    /** The whole file as {@code loader} gets it, its header, footer and checksum checked; null when it does not exist. */
    private static CompletableFuture<ByteBuffer> checked(SSTableReader sstable, Component component, IoClass ioClass, FileLoader loader) {
        checkAttached(component);
        SSTableFiles files = sstable.files();
        Path path = files.path(component);
        String table = sstable.context().table();
        return sstable.context().io().submit(ioClass, 0, () -> {
            ByteBuffer whole;
            try {
                whole = loader.load(path);
            } catch (NoSuchFileException e) {
                return null;
            }
            ComponentFraming.unframe(whole, component, files.generation(), path, table);
            return whole;
        });
    }

    private static void checkAttached(Component component) {
        if (!component.attached()) throw new IllegalArgumentException(component.suffix() + " is written with its SSTable, not attached later");
    }
}
