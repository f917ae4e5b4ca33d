package org.charybdis.cql.messages;

import org.charybdis.cql.exceptions.ProtocolException;

/** BATCH <type> byte. */
public enum BatchType {
    LOGGED, UNLOGGED, COUNTER;

    public int code() {
        return ordinal();
    }

    public static BatchType fromCode(int code) {
        if (code < 0 || code > 2) {
            throw new ProtocolException("Unknown batch type " + code);
        }
        return values()[code];
    }
}
