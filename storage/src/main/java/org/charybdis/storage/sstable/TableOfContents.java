package org.charybdis.storage.sstable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * TOC.txt: the list of an SSTable's components, renamed into place last, so its presence means the SSTable is
 * complete. Text, one item a line:
 * <pre>
 * charybdis-sstable 1 generation 42     (magic word, format version, generation)
 * Data.db                               (one line per component)
 * ...
 * crc32 1a2b3c4d                        (CRC32 of every byte before this line, 8 hex digits)
 * </pre>
 */
final class TableOfContents {
    static final String MAGIC_WORD = "charybdis-sstable";

    private TableOfContents() {}

    static byte[] render(long generation, List<Component> components) {
        StringBuilder text = new StringBuilder();
        text.append(MAGIC_WORD).append(' ').append(ComponentFraming.FORMAT_VERSION).append(" generation ").append(generation).append('\n');
        for (Component c : components) text.append(c.suffix()).append('\n');
        byte[] body = text.toString().getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(body);
        String footer = String.format("crc32 %08x\n", (int) crc.getValue());
        byte[] all = new byte[body.length + footer.length()];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(footer.getBytes(StandardCharsets.US_ASCII), 0, all, body.length, footer.length());
        return all;
    }

    static Set<Component> parse(byte[] bytes, long generation, Path file, String table) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int footerAt = text.lastIndexOf("crc32 ");
        if (footerAt < 0 || !text.endsWith("\n")) throw new CorruptSSTableException(file, table, "TOC without its crc32 line (truncated?)");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, footerAt);
        String stored = text.substring(footerAt + 6, text.length() - 1).trim();
        if (!stored.equals(String.format("%08x", (int) crc.getValue())))
            throw new CorruptSSTableException(file, table, "TOC checksum mismatch: stored " + stored + ", computed " + String.format("%08x", (int) crc.getValue()));
        String[] lines = text.substring(0, footerAt).split("\n");
        String[] header = lines[0].split(" ");
        if (header.length != 4 || !header[0].equals(MAGIC_WORD) || !header[2].equals("generation"))
            throw new CorruptSSTableException(file, table, "not a Charybdis TOC: " + lines[0]);
        int version;
        try {
            version = Integer.parseInt(header[1]);
            if (Long.parseLong(header[3]) != generation)
                throw new CorruptSSTableException(file, table, "TOC says generation " + header[3] + ", the file name " + generation);
        } catch (NumberFormatException e) {
            throw new CorruptSSTableException(file, table, "malformed TOC header: " + lines[0]);
        }
        if (version > ComponentFraming.FORMAT_VERSION)
            throw new CorruptSSTableException(file, table, "format version " + version + " is newer than this build reads (" + ComponentFraming.FORMAT_VERSION + ")");
        Set<Component> components = EnumSet.noneOf(Component.class);
        for (int i = 1; i < lines.length; i++) {
            Component c = Component.ofSuffix(lines[i]);
            if (c == null) throw new CorruptSSTableException(file, table, "unknown component in TOC: " + lines[i]);
            components.add(c);
        }
        return components;
    }
}
