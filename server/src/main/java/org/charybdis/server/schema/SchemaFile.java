package org.charybdis.server.schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file holding the saved schema, replaced atomically: the new content goes to {@code schema.json.tmp},
 * is fsynced, renamed over {@code schema.json}, and the directory is fsynced, so after a crash the file is
 * either the old schema or the new one, never a mix. Every method blocks: call it off the shard threads.
 */
public final class SchemaFile {
    public static final String FILE_NAME = "schema.json";
    private static final String TMP_SUFFIX = ".tmp";

    private static final Logger log = LoggerFactory.getLogger(SchemaFile.class);

    private final Path directory;
    private final Path file;
    private final Path tmp;

    public SchemaFile(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.tmp = directory.resolve(FILE_NAME + TMP_SUFFIX);
    }

    public Path path() {
        return file;
    }

    /** Replaces the file's content with {@code bytes}, durably; creates the directory on first use. */
    public void write(byte[] bytes) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            syncDirectory(directory.getParent()); // the new directory's entry must survive a crash too
        }
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer src = ByteBuffer.wrap(bytes);
            while (src.hasRemaining()) out.write(src);
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(directory);
    }

    /**
     * The saved content, or null when nothing was ever saved. A leftover {@code schema.json.tmp} is a write
     * that a crash interrupted before its rename: the schema it held was never acknowledged, so it is removed.
     */
    public byte[] readIfExists() throws IOException {
        if (Files.deleteIfExists(tmp)) {
            log.warn("Removed {}, an unfinished schema save interrupted by a crash; {} holds the last saved schema", tmp, file);
        }
        if (!Files.exists(file)) return null;
        return Files.readAllBytes(file);
    }

    private static void syncDirectory(Path dir) throws IOException {
        if (dir == null) return;
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
