package org.charybdis.cql.exceptions;

/** The kind of write that timed out or failed, as WRITE_TIMEOUT / WRITE_FAILURE report it. */
public enum WriteType {
    SIMPLE, BATCH, UNLOGGED_BATCH, COUNTER, BATCH_LOG, CAS, VIEW, CDC
}
