package org.charybdis.storage.sstable;

import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.file.Path;

/**
 * An SSTable file that does not decode: bad magic or version, checksum mismatch, truncation. The message names
 * the file and the table (and the offset when known), so an operator knows what to scrub or restore.
 */
public final class CorruptSSTableException extends CorruptDataException {
    private final Path file;
    private final String table;

    public CorruptSSTableException(Path file, String table, String problem) {
        super(message(file, table, problem));
        this.file = file;
        this.table = table;
    }

    public CorruptSSTableException(Path file, String table, String problem, Throwable cause) {
        super(message(file, table, problem), cause);
        this.file = file;
        this.table = table;
    }

    /** The damaged file. */
    public Path file() { return file; }

    /** "keyspace.table" of the damaged SSTable. */
    public String table() { return table; }

    private static String message(Path file, String table, String problem) {
        return "Corrupted SSTable file " + file + " of table " + table + ": " + problem;
    }
}
