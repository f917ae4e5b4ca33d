package org.charybdis.cql.types;

/** A value (bytes or text) is not valid for the type it was given as. */
public final class MarshalException extends RuntimeException {
    public MarshalException(String message) {
        super(message);
    }

    public MarshalException(String message, Throwable cause) {
        super(message, cause);
    }
}
