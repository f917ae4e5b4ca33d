package org.charybdis.cql.exceptions;

/** The logged-in user lacks a permission. */
public class UnauthorizedException extends CqlException {
    public UnauthorizedException(String message) {
        super(ErrorCode.UNAUTHORIZED, message);
    }

    public UnauthorizedException(String message, Throwable cause) {
        super(ErrorCode.UNAUTHORIZED, message, cause);
    }
}
