package org.charybdis.server.cql.json;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The row an {@code INSERT JSON} object describes: one value per column of the table, in
 * {@link TableMetadata#allColumns()} order. Keys follow {@link JsonStrings#nameOfKey}; a later key for
 * the same column wins; columns the object leaves out are null, or unset with {@code DEFAULT UNSET}.
 * Immutable once built.
 */
public final class JsonRow {
    private final List<ColumnMetadata> columns;
    private final Map<String, Integer> indexByName;

    public JsonRow(TableMetadata table) {
        this.columns = table.allColumns();
        this.indexByName = new HashMap<>(columns.size() * 2);
        for (int i = 0; i < columns.size(); i++) indexByName.put(columns.get(i).name(), i);
    }

    public List<ColumnMetadata> columns() {
        return columns;
    }

    /**
     * The values of the columns for that JSON text: serialized values, {@code null}, or
     * {@link QueryOptions#UNSET} (by identity) for a column left unset.
     *
     * @param text the JSON object; null (a null bound value) is refused as Cassandra does
     */
    public ByteBuffer[] decode(String text, boolean defaultUnset) {
        if (text == null) throw new InvalidRequestException("Got null for INSERT JSON values");
        Map<String, Object> object = JsonParsing.object(text);
        if (object == null) throw new InvalidRequestException("Got null for INSERT JSON values");
        ByteBuffer[] values = new ByteBuffer[columns.size()];
        if (defaultUnset) Arrays.fill(values, QueryOptions.UNSET);
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            String name = JsonStrings.nameOfKey(entry.getKey());
            Integer index = indexByName.get(name);
            if (index == null) throw new InvalidRequestException("JSON values map contains unrecognized column: " + name);
            ColumnMetadata column = columns.get(index);
            try {
                values[index] = JsonDecoder.decode(column.type(), entry.getValue());
            } catch (JsonDecodingException e) {
                throw new InvalidRequestException("Error decoding JSON value for " + column.name() + ": " + e.getMessage());
            }
        }
        return values;
    }
}
