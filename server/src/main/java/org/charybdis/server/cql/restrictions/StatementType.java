package org.charybdis.server.cql.restrictions;

/** The statement a WHERE clause belongs to: its rules and messages differ (writes name rows, reads may filter). */
public enum StatementType {
    SELECT, UPDATE, DELETE;

    boolean isModification() {
        return this != SELECT;
    }
}
