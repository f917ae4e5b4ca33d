package org.charybdis.cql.exceptions;

/** The server is too busy to process the request. */
public class OverloadedException extends CqlException {
    public OverloadedException(String message) {
        super(ErrorCode.OVERLOADED, message);
    }

    public OverloadedException(String message, Throwable cause) {
        super(ErrorCode.OVERLOADED, message, cause);
    }
}
