package org.charybdis.cql.exceptions;

import org.charybdis.cql.messages.ConsistencyLevel;

/** A write did not get enough acknowledgements in time. {@code contentions} is sent only for CAS on v5. */
public class WriteTimeoutException extends CqlException {
    private final ConsistencyLevel consistency;
    private final int received;
    private final int blockFor;
    private final WriteType writeType;
    private final int contentions;

    public WriteTimeoutException(ConsistencyLevel consistency, int received, int blockFor, WriteType writeType) {
        this(defaultMessage(consistency, received, blockFor), consistency, received, blockFor, writeType, 0);
    }

    public WriteTimeoutException(String message, ConsistencyLevel consistency, int received, int blockFor,
                                 WriteType writeType, int contentions) {
        super(ErrorCode.WRITE_TIMEOUT, message);
        this.consistency = consistency;
        this.received = received;
        this.blockFor = blockFor;
        this.writeType = writeType;
        this.contentions = contentions;
    }

    static String defaultMessage(ConsistencyLevel consistency, int received, int blockFor) {
        return "Operation timed out - received only " + received + " responses (" + blockFor
                + " required at " + consistency + ").";
    }

    public ConsistencyLevel consistency() { return consistency; }
    public int received() { return received; }
    public int blockFor() { return blockFor; }
    public WriteType writeType() { return writeType; }
    public int contentions() { return contentions; }
}
