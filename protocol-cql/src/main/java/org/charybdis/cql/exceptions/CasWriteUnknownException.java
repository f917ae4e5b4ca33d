package org.charybdis.cql.exceptions;

import org.charybdis.cql.messages.ConsistencyLevel;

/** A contended CAS write may or may not have been applied. */
public class CasWriteUnknownException extends CqlException {
    private final ConsistencyLevel consistency;
    private final int received;
    private final int blockFor;

    public CasWriteUnknownException(String message, ConsistencyLevel consistency, int received, int blockFor) {
        super(ErrorCode.CAS_WRITE_UNKNOWN, message);
        this.consistency = consistency;
        this.received = received;
        this.blockFor = blockFor;
    }

    public ConsistencyLevel consistency() { return consistency; }
    public int received() { return received; }
    public int blockFor() { return blockFor; }
}
