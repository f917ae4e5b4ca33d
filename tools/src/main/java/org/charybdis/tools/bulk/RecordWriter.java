package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Writes rows, one record a line, in one of the {@link DataFormat}s. */
abstract class RecordWriter {
    protected final Writer out;
    protected final List<ColumnMetadata> columns;

    private RecordWriter(Writer out, List<ColumnMetadata> columns) {
        this.out = out;
        this.columns = columns;
    }

    static RecordWriter of(DataFormat format, Writer out, List<ColumnMetadata> columns, CsvFormat csv, boolean header) throws IOException {
        return format == DataFormat.CSV ? new Csv(out, columns, csv, header) : new Json(out, columns);
    }

    /**
     * @param row a row whose columns are {@code columns}, in that order; a null is asked with {@code isNull}, since the
     *     driver reads a null collection as an empty one, which a frozen collection can also be
     */
    abstract void write(Row row) throws IOException;

    private static final class Csv extends RecordWriter {
        private final CsvFormat csv;

        Csv(Writer out, List<ColumnMetadata> columns, CsvFormat csv, boolean header) throws IOException {
            super(out, columns);
            this.csv = csv;
            if (header) out.write(csv.format(columns.stream().map(c -> c.getName().asInternal()).toList()) + "\n");
        }

        @Override
        void write(Row row) throws IOException {
            List<String> fields = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                fields.add(row.isNull(i) ? null : CqlValues.toText(columns.get(i).getType(), row.getObject(i)));
            }
            out.write(csv.format(fields));
            out.write('\n');
        }
    }

    private static final class Json extends RecordWriter {
        Json(Writer out, List<ColumnMetadata> columns) {
            super(out, columns);
        }

        @Override
        void write(Row row) throws IOException {
            ObjectNode record = CqlValues.JSON.createObjectNode();
            for (int i = 0; i < columns.size(); i++) {
                record.set(columns.get(i).getName().asInternal(), CqlValues.toJson(columns.get(i).getType(), row.isNull(i) ? null : row.getObject(i)));
            }
            out.write(CqlValues.JSON.writeValueAsString(record));
            out.write('\n');
        }
    }
}
