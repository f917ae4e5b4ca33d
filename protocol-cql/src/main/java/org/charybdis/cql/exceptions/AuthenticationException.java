package org.charybdis.cql.exceptions;

/** Authentication was required and failed. */
public class AuthenticationException extends CqlException {
    public AuthenticationException(String message) {
        super(ErrorCode.BAD_CREDENTIALS, message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(ErrorCode.BAD_CREDENTIALS, message, cause);
    }
}
