package org.charybdis.storage.engine;

/**
 * A shard's storage cannot take writes for now, typically because its disk is full: the message says what failed,
 * in which directory and why, and that writes resume by themselves once the cause is gone. Reads still work.
 * <p>
 * One instance answers every write refused during an outage, so it carries no stack trace: refusing a write costs
 * no allocation and the log gets the outage's own lines, not one per write.
 */
public final class WriteUnavailableException extends RuntimeException {
    public WriteUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
