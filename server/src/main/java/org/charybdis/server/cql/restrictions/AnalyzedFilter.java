package org.charybdis.server.cql.restrictions;

import org.charybdis.server.cql.statements.select.selection.Selection;
import org.charybdis.server.index.TextAnalyzer;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;

/**
 * {@code column = value} on a text column whose storage-attached index analyzes text ({@code case_sensitive: false},
 * {@code normalize}, {@code ascii}): a row matches when its value analyzes to the analyzed query value.
 */
record AnalyzedFilter(ColumnMetadata column, TextAnalyzer analyzer, ByteBuffer analyzedValue) implements Filter {
    @Override
    public boolean test(ByteBuffer[] keyComponents, Row staticRow, Row row) {
        ByteBuffer value = Selection.columnValue(column, keyComponents, staticRow, row);
        return value != null && analyzer.analyze(value).equals(analyzedValue);
    }
}
