package org.charybdis.cql.exceptions;

/** Something unexpected happened on the server (a bug). */
public class ServerError extends CqlException {
    public ServerError(String message) {
        super(ErrorCode.SERVER_ERROR, message);
    }

    public ServerError(String message, Throwable cause) {
        super(ErrorCode.SERVER_ERROR, message, cause);
    }
}
