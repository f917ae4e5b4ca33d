package org.charybdis.server.schema;

import org.charybdis.cql.types.CqlType;

/**
 * A column of a table. {@code position} is the index within its kind (partition key component,
 * clustering component); {@code id} is the stable storage id of regular and static columns, never
 * reused within a table so that data of a dropped column cannot reappear under a new one. {@code mask} is the
 * column's dynamic data mask, or null.
 */
public record ColumnMetadata(String name, Kind kind, int position, CqlType type, boolean reversed, int id, ColumnMask mask) {

    public ColumnMetadata(String name, Kind kind, int position, CqlType type, boolean reversed, int id) {
        this(name, kind, position, type, reversed, id, null);
    }

    /** This column with another mask (null: unmasked). */
    public ColumnMetadata withMask(ColumnMask newMask) {
        return new ColumnMetadata(name, kind, position, type, reversed, id, newMask);
    }

    public enum Kind {
        PARTITION_KEY("partition_key"), CLUSTERING("clustering"), REGULAR("regular"), STATIC("static");

        private final String schemaName;

        Kind(String schemaName) {
            this.schemaName = schemaName;
        }

        /** The value system_schema.columns.kind shows. */
        public String schemaName() {
            return schemaName;
        }
    }

    public boolean isPrimaryKey() {
        return kind == Kind.PARTITION_KEY || kind == Kind.CLUSTERING;
    }

    public boolean isStatic() {
        return kind == Kind.STATIC;
    }

    /** The clustering order system_schema.columns shows: asc/desc for clustering columns, none otherwise. */
    public String clusteringOrder() {
        if (kind != Kind.CLUSTERING) return "none";
        return reversed ? "desc" : "asc";
    }
}
