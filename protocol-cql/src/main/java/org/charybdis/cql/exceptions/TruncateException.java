package org.charybdis.cql.exceptions;

/** A TRUNCATE failed. */
public class TruncateException extends CqlException {
    public TruncateException(String message) {
        super(ErrorCode.TRUNCATE_ERROR, message);
    }

    public TruncateException(String message, Throwable cause) {
        super(ErrorCode.TRUNCATE_ERROR, message, cause);
    }
}
