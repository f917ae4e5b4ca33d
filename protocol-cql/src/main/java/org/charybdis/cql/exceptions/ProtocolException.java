package org.charybdis.cql.exceptions;

/** A client message violated the native protocol. */
public class ProtocolException extends CqlException {
    public ProtocolException(String message) {
        super(ErrorCode.PROTOCOL_ERROR, message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(ErrorCode.PROTOCOL_ERROR, message, cause);
    }
}
