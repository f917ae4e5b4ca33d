package org.charybdis.cql.exceptions;

import org.charybdis.cql.messages.ConsistencyLevel;

/** Not enough replicas alive to honour the consistency level. */
public class UnavailableException extends CqlException {
    private final ConsistencyLevel consistency;
    private final int required;
    private final int alive;

    public UnavailableException(ConsistencyLevel consistency, int required, int alive) {
        this("Cannot achieve consistency level " + consistency, consistency, required, alive);
    }

    public UnavailableException(String message, ConsistencyLevel consistency, int required, int alive) {
        super(ErrorCode.UNAVAILABLE, message);
        this.consistency = consistency;
        this.required = required;
        this.alive = alive;
    }

    public ConsistencyLevel consistency() { return consistency; }
    public int required() { return required; }
    public int alive() { return alive; }
}
