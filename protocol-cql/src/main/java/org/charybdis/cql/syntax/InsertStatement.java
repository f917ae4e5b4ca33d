package org.charybdis.cql.syntax;

import java.util.List;

/**
 * {@code INSERT INTO t (cols) VALUES (terms)} or {@code INSERT INTO t JSON '...' [DEFAULT NULL|UNSET]},
 * then {@code [IF NOT EXISTS] [USING ...]}. For the JSON form, {@code json} is set and columns and
 * values are empty.
 */
public record InsertStatement(
        QualifiedName table,
        List<ColumnIdentifier> columns,
        List<Term> values,
        Term json,
        JsonDefault jsonDefault,
        boolean ifNotExists,
        Attributes attributes,
        List<Term.BindMarker> bindMarkers) implements ModificationStatement {

    /** What INSERT JSON does with columns missing from the JSON object (NULL unless told otherwise). */
    public enum JsonDefault { NULL, UNSET }

    public InsertStatement {
        columns = List.copyOf(columns);
        values = List.copyOf(values);
        bindMarkers = List.copyOf(bindMarkers);
    }

    public boolean isJson() {
        return json != null;
    }
}
