package org.charybdis.server.schema;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A secondary index of a table: its name (unique in the keyspace), the column and part of it it indexes,
 * and its implementation. Legacy indexes ({@code CREATE INDEX}) show as kind COMPOSITES; Storage-Attached
 * Indexes ({@code USING 'sai'}) as CUSTOM with their class name, as Cassandra 5.0 shows them. {@code id} names
 * the index's local storage, so an index dropped and created again never sees the old entries.
 *
 * @param className the USING class as written, null for a legacy index
 * @param options   the WITH OPTIONS map as written (kept for the schema tables and DESCRIBE)
 */
public record IndexMetadata(String name, UUID id, String column, Target target, String className, Map<String, String> options) {

    /** Which part of the column the index holds. */
    public enum Target {
        /** The value of a simple (or frozen) column, or of a key column. */
        SIMPLE(""),
        /** Map keys: {@code CONTAINS KEY}. */
        KEYS("keys"),
        /** Elements of a list or set, values of a map: {@code CONTAINS}. */
        VALUES("values"),
        /** Map entries: {@code m[k] = v}. */
        ENTRIES("entries"),
        /** A whole frozen collection: {@code =}. */
        FULL("full");

        private final String function;

        Target(String function) {
            this.function = function;
        }

        /** The target text of system_schema.indexes: {@code c}, {@code keys(c)}, ... */
        public String text(String quotedColumn) {
            return function.isEmpty() ? quotedColumn : function + "(" + quotedColumn + ")";
        }
    }

    /** The USING names of Cassandra 5.0's Storage-Attached Index. */
    private static final Set<String> SAI_CLASSES = Set.of("sai", "storageattachedindex", "org.apache.cassandra.index.sai.storageattachedindex");

    public IndexMetadata {
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** True for a Storage-Attached Index, which answers range queries and combines with other SAI restrictions. */
    public boolean isSai() {
        return className != null && isSaiClass(className);
    }

    public static boolean isSaiClass(String className) {
        return SAI_CLASSES.contains(className.toLowerCase(java.util.Locale.ROOT));
    }

    /** system_schema.indexes.kind. */
    public String kind() {
        return className == null ? "COMPOSITES" : "CUSTOM";
    }

    /** The target as Cassandra writes it, the column double-quoted when it needs quotes. */
    public String targetText() {
        return target.text(quotedColumn());
    }

    /** system_schema.indexes.options: the user's options, the class name of a custom index, the target. */
    public Map<String, String> schemaOptions() {
        Map<String, String> out = new TreeMap<>(options);
        if (className != null) out.put("class_name", className);
        out.put("target", targetText());
        return out;
    }

    private String quotedColumn() {
        return column.matches("[a-z][a-z0-9_]*") ? column : "\"" + column.replace("\"", "\"\"") + "\"";
    }
}
