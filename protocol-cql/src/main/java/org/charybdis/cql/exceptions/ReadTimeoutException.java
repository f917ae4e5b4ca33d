package org.charybdis.cql.exceptions;

import org.charybdis.cql.messages.ConsistencyLevel;

/** A read did not get enough responses in time. */
public class ReadTimeoutException extends CqlException {
    private final ConsistencyLevel consistency;
    private final int received;
    private final int blockFor;
    private final boolean dataPresent;

    public ReadTimeoutException(ConsistencyLevel consistency, int received, int blockFor, boolean dataPresent) {
        this(WriteTimeoutException.defaultMessage(consistency, received, blockFor), consistency, received, blockFor,
                dataPresent);
    }

    public ReadTimeoutException(String message, ConsistencyLevel consistency, int received, int blockFor,
                                boolean dataPresent) {
        super(ErrorCode.READ_TIMEOUT, message);
        this.consistency = consistency;
        this.received = received;
        this.blockFor = blockFor;
        this.dataPresent = dataPresent;
    }

    public ConsistencyLevel consistency() { return consistency; }
    public int received() { return received; }
    public int blockFor() { return blockFor; }
    public boolean dataPresent() { return dataPresent; }
}
