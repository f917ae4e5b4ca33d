package org.charybdis.storage.sstable;

import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The header and footer every binary component carries (Lucene's discipline).
 * <pre>
 * header (16 bytes): int magic 0x43485353 ("CHSS"), short format version, byte component code, byte 0,
 *                    long generation
 * footer (8 bytes):  int footer magic 0xBCB7ACAC (the magic inverted), int CRC32
 * </pre>
 * For whole-file components the footer CRC covers every byte before it; Data.db and Index.db define theirs in
 * docs/sstable-format.md.
 */
final class ComponentFraming {
    static final int MAGIC = 0x43485353;
    static final int FOOTER_MAGIC = ~MAGIC;
    static final int FORMAT_VERSION = 2;
    static final int HEADER_LENGTH = 16;
    static final int FOOTER_LENGTH = 8;

    private ComponentFraming() {}

    static void writeHeader(BufferWriter out, Component component, long generation) {
        out.writeInt(MAGIC);
        out.writeByte(FORMAT_VERSION >>> 8).writeByte(FORMAT_VERSION);
        out.writeByte(component.code()).writeByte(0);
        out.writeLong(generation);
    }

    static byte[] header(Component component, long generation) {
        BufferWriter out = new BufferWriter(HEADER_LENGTH);
        writeHeader(out, component, generation);
        return java.util.Arrays.copyOf(out.array(), HEADER_LENGTH);
    }

    /** Checks a header at the buffer's position (which must hold at least 16 bytes); returns its format version. */
    static int checkHeader(ByteBuffer bytes, Component component, long generation, Path file, String table) {
        if (bytes.remaining() < HEADER_LENGTH)
            throw new CorruptSSTableException(file, table, "file too short for a header (" + bytes.remaining() + " bytes)");
        int at = bytes.position();
        int magic = bytes.getInt(at);
        if (magic != MAGIC)
            throw new CorruptSSTableException(file, table, String.format("bad magic 0x%08X at offset 0, expected 0x%08X", magic, MAGIC));
        int version = bytes.getShort(at + 4) & 0xFFFF;
        if (version > FORMAT_VERSION)
            throw new CorruptSSTableException(file, table, "format version " + version + " is newer than this build reads (" + FORMAT_VERSION + ")");
        if (version < 1) throw new CorruptSSTableException(file, table, "unknown format version " + version);
        int code = bytes.get(at + 6) & 0xFF;
        if (code != component.code())
            throw new CorruptSSTableException(file, table, "header says component " + code + ", expected " + component.code() + " (" + component.suffix() + ")");
        long headerGeneration = bytes.getLong(at + 8);
        if (headerGeneration != generation)
            throw new CorruptSSTableException(file, table, "header says generation " + headerGeneration + ", the file name " + generation);
        return version;
    }

    /** Checks the footer magic of the last 8 bytes of a file and returns its CRC. */
    static int checkFooter(ByteBuffer footer, long footerOffset, Path file, String table) {
        int magic = footer.getInt(footer.position());
        if (magic != FOOTER_MAGIC)
            throw new CorruptSSTableException(file, table, String.format(
                    "bad footer magic 0x%08X at offset %d (truncated or overwritten file)", magic, footerOffset));
        return footer.getInt(footer.position() + 4);
    }

    /** A component's whole content (blocking); a missing file is a corrupt SSTable. */
    static byte[] readWhole(Path path, String table) throws java.io.IOException {
        try {
            return java.nio.file.Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CorruptSSTableException(path, table, "component missing", e);
        }
    }

    /** Header, body and checksummed footer of a whole-file component. */
    static byte[] frame(Component component, long generation, BufferWriter body) {
        BufferWriter out = new BufferWriter(HEADER_LENGTH + body.position() + FOOTER_LENGTH);
        writeHeader(out, component, generation);
        out.writeBytes(body.array(), 0, body.position());
        out.writeInt(FOOTER_MAGIC);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.writeInt((int) crc.getValue());
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    /** Checks header, footer and checksum of a whole component read into memory; returns a reader of its body. */
    static BufferReader unframe(ByteBuffer whole, Component component, long generation, Path file, String table) {
        if (whole.remaining() < HEADER_LENGTH + FOOTER_LENGTH)
            throw new CorruptSSTableException(file, table, "file too short (" + whole.remaining() + " bytes)");
        checkHeader(whole, component, generation, file, table);
        int footerAt = whole.limit() - FOOTER_LENGTH;
        int stored = checkFooter(whole.duplicate().position(footerAt), footerAt, file, table);
        CRC32 crc = new CRC32();
        crc.update(whole.duplicate().limit(footerAt + 4));
        if ((int) crc.getValue() != stored)
            throw new CorruptSSTableException(file, table, String.format("checksum mismatch: stored 0x%08X, computed 0x%08X",
                    stored, (int) crc.getValue()));
        return new BufferReader(whole.duplicate().position(whole.position() + HEADER_LENGTH).limit(footerAt));
    }
}
