package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.CustomType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.ColumnMetadata.Kind;
import org.charybdis.server.schema.CompactStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CREATE TABLE ... WITH COMPACT STORAGE: Cassandra 5.0's checks and the hidden columns it adds (see
 * {@link CompactStorage}): {@code column1 text} and {@code value blob} (or {@code counter}) to a static compact table,
 * {@code value empty} to a dense table that declares no value column.
 */
final class CompactTables {
    private CompactTables() {}

    /**
     * The table's form, after Cassandra's checks. {@code values}: the columns outside the primary key with their types;
     * {@code statics}: the names declared static.
     */
    static CompactStorage form(Map<String, CqlType> values, Set<String> statics, int clusteringColumns) {
        if (values.values().stream().anyMatch(CqlType::isMultiCell)) {
            throw new InvalidRequestException("Non-frozen collections and UDTs are not supported with COMPACT STORAGE");
        }
        if (!statics.isEmpty()) throw new InvalidRequestException("Static columns are not supported in COMPACT STORAGE tables");
        if (clusteringColumns == 0) {
            if (values.isEmpty()) throw new InvalidRequestException("No definition found that is not part of the PRIMARY KEY");
            return CompactStorage.STATIC;
        }
        if (values.size() > 1) {
            throw new InvalidRequestException("COMPACT STORAGE with composite PRIMARY KEY allows no more than one column not part "
                    + "of the PRIMARY KEY (got: " + String.join(", ", values.keySet()) + ")");
        }
        return CompactStorage.DENSE;
    }

    /**
     * The hidden columns of a table of that form, named apart from every {@code declared} column; a regular one takes the
     * storage id {@code nextId}.
     */
    static List<ColumnMetadata> hiddenColumns(CompactStorage form, Map<String, CqlType> values, Set<String> declared, int nextId) {
        boolean counter = values.values().stream().anyMatch(CqlType::isCounter);
        List<ColumnMetadata> hidden = new ArrayList<>();
        if (form == CompactStorage.STATIC) {
            hidden.add(new ColumnMetadata(unique("column", 1, declared), Kind.CLUSTERING, 0, NativeType.TEXT, false,
                    TableDefinitions.NO_COLUMN_ID));
            CqlType value = counter ? NativeType.COUNTER : NativeType.BLOB;
            hidden.add(new ColumnMetadata(unique("value", 0, declared), Kind.REGULAR, -1, value, false, nextId));
        } else if (form == CompactStorage.DENSE && values.isEmpty()) {
            hidden.add(new ColumnMetadata(unique("value", 0, declared), Kind.REGULAR, -1, CustomType.EMPTY, false, nextId));
        }
        return hidden;
    }

    /** {@code prefix} followed by the first number from {@code from} (none for 0) that no declared column has. */
    private static String unique(String prefix, int from, Set<String> declared) {
        for (int i = from; ; i++) {
            String name = i == 0 ? prefix : prefix + i;
            if (!declared.contains(name)) return name;
        }
    }
}
