package org.charybdis.scheduler.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ScyllaDB's io-properties.yaml, as its iotune (and ours) writes it:
 * <pre>
 * disks:
 *   - mountpoint: /var/lib/charybdis
 *     read_iops: 540317
 *     read_bandwidth: 1914761216      # bytes per second
 *     write_iops: 300319
 *     write_bandwidth: 1910200576
 * </pre>
 * The first disk is the data disk. Other keys (a disk's saturation lengths, say) are ignored; the four above are
 * required. Only this block form of YAML is understood, which keeps the scheduler free of a YAML library.
 */
public final class IoProperties {
    private static final List<String> REQUIRED = List.of("read_iops", "read_bandwidth", "write_iops", "write_bandwidth");

    private IoProperties() { }

    /** The capacity of the first disk listed; IllegalArgumentException naming the line or key at fault. */
    public static IoCapacity parse(String yamlText) {
        Map<String, Long> disk = firstDisk(yamlText);
        return new IoCapacity(disk.get("read_iops"), disk.get("read_bandwidth"),
                disk.get("write_iops"), disk.get("write_bandwidth"));
    }

    public static IoCapacity load(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Walks the lines: finds "disks:", then collects the keys of its first "- " item until the next item. */
    private static Map<String, Long> firstDisk(String yamlText) {
        String[] lines = yamlText.split("\r?\n", -1);
        boolean inDisks = false;
        int disksIndent = -1;
        int itemIndent = -1;
        boolean inFirstItem = false;
        Map<String, Long> values = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]);
            if (line.isBlank() || line.strip().equals("---")) continue;
            if (line.startsWith("\t")) throw bad(lineNo, lines[i], "indent with spaces, YAML does not allow tabs");
            int indent = indentOf(line);
            String text = line.strip();
            if (!inDisks) {
                if (text.equals("disks:")) {
                    inDisks = true;
                    disksIndent = indent;
                }
                continue;
            }
            if (indent <= disksIndent && !text.startsWith("-")) break; // the next top-level key: disks is over
            if (text.startsWith("-")) {
                if (inFirstItem && indent <= itemIndent) break; // the second disk
                if (!text.equals("-") && !text.startsWith("- ")) throw bad(lineNo, lines[i], "expected \"- key: value\"");
                inFirstItem = true;
                itemIndent = indent;
                text = text.substring(1).strip();
                if (text.isEmpty()) continue;
            } else if (!inFirstItem) {
                throw bad(lineNo, lines[i], "expected a \"- \" list item under disks:");
            }
            readKeyValue(lineNo, lines[i], text, values);
        }
        if (!inDisks) throw new IllegalArgumentException("io properties have no \"disks:\" list");
        if (!inFirstItem) throw new IllegalArgumentException("io properties list no disk under \"disks:\"");
        for (String key : REQUIRED) {
            if (!values.containsKey(key)) throw new IllegalArgumentException("io properties: the first disk has no " + key);
        }
        return values;
    }

    private static void readKeyValue(int lineNo, String rawLine, String text, Map<String, Long> values) {
        if (text.startsWith("{")) throw bad(lineNo, rawLine, "flow style { } is not supported, write one key per line");
        int colon = text.indexOf(':');
        if (colon <= 0) throw bad(lineNo, rawLine, "expected \"key: value\"");
        String key = text.substring(0, colon).strip();
        String value = unquote(text.substring(colon + 1).strip());
        if (!REQUIRED.contains(key)) return; // mountpoint, saturation lengths...
        if (values.containsKey(key)) throw bad(lineNo, rawLine, key + " is given twice");
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(lineNo, rawLine, key + " must be a whole number, not \"" + value + "\"");
        }
        if (number <= 0) throw bad(lineNo, rawLine, key + " must be positive: " + number);
        values.put(key, number);
    }

    /** Drops a "#" comment: at the start of the line or after a space, as YAML reads it. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) return line.substring(0, i);
        }
        return line;
    }

    private static int indentOf(String line) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') indent++;
        return indent;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1).strip();
        }
        return value;
    }

    private static IllegalArgumentException bad(int lineNo, String line, String problem) {
        return new IllegalArgumentException("io properties line " + lineNo + " (" + line.strip() + "): " + problem);
    }
}
