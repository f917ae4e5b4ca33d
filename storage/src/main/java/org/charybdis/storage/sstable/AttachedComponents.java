package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.file.DurableFiles;
import org.charybdis.storage.serialization.BufferWriter;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /**
     * The checked body of the component, or null when the SSTable has none. The file is memory-mapped, not read onto
     * the heap: its pages belong to the OS page cache, and the mapping goes when the last view of it is collected.
     */
    public static CompletableFuture<ByteBuffer> read(SSTableReader sstable, Component component, IoClass ioClass) {
        checkAttached(component);
        SSTableFiles files = sstable.files();
        Path path = files.path(component);
        String table = sstable.context().table();
        return sstable.context().io().submit(ioClass, 0, () -> {
            ByteBuffer mapped;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            } catch (NoSuchFileException e) {
                return null;
            }
            ComponentFraming.unframe(mapped, component, files.generation(), path, table);
            return mapped.slice(ComponentFraming.HEADER_LENGTH,
                    mapped.capacity() - ComponentFraming.HEADER_LENGTH - ComponentFraming.FOOTER_LENGTH);
        });
    }

    private static void checkAttached(Component component) {
        if (!component.attached()) throw new IllegalArgumentException(component.suffix() + " is written with its SSTable, not attached later");
    }
}
