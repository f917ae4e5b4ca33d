package org.charybdis.cql.exceptions;

/** CREATE of a keyspace or table that exists. {@code table} is empty for a keyspace. */
public class AlreadyExistsException extends CqlException {
    private final String keyspace;
    private final String table;

    public AlreadyExistsException(String keyspace, String table) {
        this(table.isEmpty()
                ? "Keyspace " + keyspace + " already exists"
                : "Cannot add already existing table \"" + table + "\" to keyspace \"" + keyspace + "\"",
             keyspace, table);
    }

    public AlreadyExistsException(String message, String keyspace, String table) {
        super(ErrorCode.ALREADY_EXISTS, message);
        this.keyspace = keyspace;
        this.table = table;
    }

    public String keyspace() { return keyspace; }
    public String table() { return table; }
}
