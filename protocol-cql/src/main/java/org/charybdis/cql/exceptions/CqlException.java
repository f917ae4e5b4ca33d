package org.charybdis.cql.exceptions;

/**
 * An error a client sees as an ERROR response: a protocol error code and a message. Subclasses
 * carry the extra fields some codes add to the response body.
 */
public class CqlException extends RuntimeException {
    private final ErrorCode code;

    public CqlException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CqlException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + code + "]: " + getMessage();
    }
}
