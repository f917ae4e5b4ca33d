package org.charybdis.tools.bulk;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it, with a chosen delimiter: a field holding the delimiter, a quote, a line break, or
 * spaces at its ends is quoted, quotes doubled inside. An empty unquoted field is null and a quoted empty one
 * ({@code ""}) the empty string, so both come back as they were.
 */
final class CsvFormat {
    private static final char QUOTE = '"';
    private final char delimiter;

    CsvFormat(char delimiter) {
        if (delimiter == QUOTE || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        this.delimiter = delimiter;
    }

    /** One record as a line, without the line break; null fields are written empty. */
    String format(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) line.append(delimiter);
            String field = fields.get(i);
            if (field == null) continue;
            if (needsQuotes(field)) line.append(QUOTE).append(field.replace("\"", "\"\"")).append(QUOTE);
            else line.append(field);
        }
        return line.toString();
    }

    private boolean needsQuotes(String field) {
        if (field.isEmpty() || Character.isWhitespace(field.charAt(0)) || Character.isWhitespace(field.charAt(field.length() - 1))) return true;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == delimiter || c == QUOTE || c == '\n' || c == '\r') return true;
        }
        return false;
    }

    /** Reads records one by one; a quoted field may span lines. */
    final class RecordReader {
        private final Reader in;
        private int line = 1;
        private int pending = -2; // a character read ahead, -1 at the end, -2 for none

        RecordReader(Reader in) {
            this.in = in;
        }

        /** The line the next record starts on, for messages. */
        int line() {
            return line;
        }

        /** @return the next record's fields (null for empty unquoted ones), or null at the end of the input */
        List<String> next() throws IOException {
            int c = read();
            while (c == '\r' || c == '\n') { // blank lines between records are skipped
                if (c == '\n') line++;
                c = read();
            }
            if (c == -1) return null;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int startLine = line;
            while (true) {
                if (c == QUOTE && field.isEmpty() && !quoted) {
                    quoted = true;
                    c = readQuoted(field, startLine);
                    continue;
                }
                if (c == delimiter || c == '\n' || c == '\r' || c == -1) {
                    fields.add(quoted || !field.isEmpty() ? field.toString() : null);
                    field.setLength(0);
                    quoted = false;
                    if (c != delimiter) {
                        if (c == '\r') {
                            int next = read();
                            if (next != '\n') pending = next;
                        }
                        if (c != -1) line++;
                        return fields;
                    }
                } else {
                    if (quoted) throw new IllegalArgumentException("line " + line + ": text after a quoted field's closing quote");
                    field.append((char) c);
                }
                c = read();
            }
        }

        /** Reads a quoted field's content after its opening quote; returns the character after the closing quote. */
        private int readQuoted(StringBuilder field, int startLine) throws IOException {
            while (true) {
                int c = read();
                if (c == -1) throw new IllegalArgumentException("line " + startLine + ": a quoted field is never closed");
                if (c == QUOTE) {
                    int next = read();
                    if (next != QUOTE) return next;
                }
                if (c == '\n') line++;
                field.append((char) c);
            }
        }

        private int read() throws IOException {
            if (pending != -2) {
                int c = pending;
                pending = -2;
                return c;
            }
            return in.read();
        }
    }
}
