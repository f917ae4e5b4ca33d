package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * Reads records of one {@link DataFormat} as values of a table's columns. A value that is no value of its column's type,
 * or a column the table does not have, stops the load with the source's name and line.
 */
abstract class RecordReader {
    protected final String source;
    protected final List<ColumnMetadata> columns;
    /** The line the last record read starts on. */
    protected int recordLine;

    private RecordReader(String source, TableMetadata table) {
        this.source = source;
        this.columns = List.copyOf(table.getColumns().values());
    }

    /**
     * @param source the file's name (or "stdin") for messages
     */
    static RecordReader of(DataFormat format, String source, Reader in, TableMetadata table, CsvFormat csv, boolean header) {
        return format == DataFormat.CSV ? new Csv(source, in, table, csv, header) : new Json(source, in, table);
    }

    /** @return the next record's values, one per column of the table (null where it has none), or null at the end */
    abstract Object[] next() throws IOException;

    /** Where the last record read is, for messages: {@code file, line n}. */
    String where() {
        return source + ", line " + recordLine;
    }

    /** The table's columns, in the order of {@link #next}'s values. */
    List<ColumnMetadata> columns() {
        return columns;
    }

    protected int columnIndex(String name, int line) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).getName().equals(CqlIdentifier.fromInternal(name))) return i;
        }
        throw failure(line, "the table has no column " + name);
    }

    protected BulkRun.Failure failure(int line, String message) {
        recordLine = line;
        return new BulkRun.Failure(where() + ": " + message);
    }

    private static final class Csv extends RecordReader {
        private final CsvFormat.RecordReader records;
        private int[] fieldColumns; // the column of each field

        Csv(String source, Reader in, TableMetadata table, CsvFormat csv, boolean header) {
            super(source, table);
            this.records = csv.new RecordReader(in);
            if (!header) {
                fieldColumns = new int[columns.size()];
                for (int i = 0; i < fieldColumns.length; i++) fieldColumns[i] = i;
            }
        }

        @Override
        Object[] next() throws IOException {
            int line = records.line();
            List<String> fields = read(line);
            if (fields != null && fieldColumns == null) { // the header
                fieldColumns = new int[fields.size()];
                for (int i = 0; i < fields.size(); i++) fieldColumns[i] = columnIndex(String.valueOf(fields.get(i)), line);
                line = records.line();
                fields = read(line);
            }
            if (fields == null) return null;
            recordLine = line;
            if (fields.size() != fieldColumns.length) {
                throw failure(line, fields.size() + " fields where " + fieldColumns.length + " are expected");
            }
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i) == null) continue;
                ColumnMetadata column = columns.get(fieldColumns[i]);
                try {
                    values[fieldColumns[i]] = CqlValues.fromText(column.getType(), fields.get(i));
                } catch (IllegalArgumentException e) {
                    throw failure(line, "column " + column.getName().asInternal() + ": " + e.getMessage());
                }
            }
            return values;
        }

        private List<String> read(int line) throws IOException {
            try {
                return records.next();
            } catch (IllegalArgumentException e) {
                throw new BulkRun.Failure(source + ", " + e.getMessage());
            }
        }
    }

    private static final class Json extends RecordReader {
        private final BufferedReader lines;
        private int line;

        Json(String source, Reader in, TableMetadata table) {
            super(source, table);
            this.lines = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        }

        @Override
        Object[] next() throws IOException {
            String text;
            do {
                text = lines.readLine();
                line++;
                if (text == null) return null;
            } while (text.isBlank());
            JsonNode record;
            try {
                record = CqlValues.JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw failure(line, "not JSON: " + e.getOriginalMessage());
            }
            if (!record.isObject()) throw failure(line, "expected a JSON object, one a line");
            recordLine = line;
            Object[] values = new Object[columns.size()];
            for (Map.Entry<String, JsonNode> field : record.properties()) {
                int i = columnIndex(field.getKey(), line);
                try {
                    values[i] = CqlValues.fromJson(columns.get(i).getType(), field.getValue());
                } catch (IllegalArgumentException e) {
                    throw failure(line, "column " + field.getKey() + ": " + e.getMessage());
                }
            }
            return values;
        }
    }
}
