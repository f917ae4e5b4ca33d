package org.charybdis.cql.exceptions;

import java.util.HexFormat;

/** EXECUTE of a statement id this node does not know (the driver re-prepares and retries). */
public class UnpreparedException extends CqlException {
    private final byte[] id;

    public UnpreparedException(byte[] id) {
        this("Prepared query with ID " + HexFormat.of().formatHex(id) + " not found (either the query was not"
                + " prepared on this host (maybe the host has been restarted?) or you have prepared too many"
                + " queries and it has been evicted from the internal cache)", id);
    }

    public UnpreparedException(String message, byte[] id) {
        super(ErrorCode.UNPREPARED, message);
        this.id = id.clone();
    }

    public byte[] id() {
        return id.clone();
    }
}
