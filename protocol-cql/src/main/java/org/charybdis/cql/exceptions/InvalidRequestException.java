package org.charybdis.cql.exceptions;

/** The statement parses but is invalid. */
public class InvalidRequestException extends CqlException {
    public InvalidRequestException(String message) {
        super(ErrorCode.INVALID, message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(ErrorCode.INVALID, message, cause);
    }
}
