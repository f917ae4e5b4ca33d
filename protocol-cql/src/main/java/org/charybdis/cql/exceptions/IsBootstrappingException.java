package org.charybdis.cql.exceptions;

/** The node is still starting. */
public class IsBootstrappingException extends CqlException {
    public IsBootstrappingException(String message) {
        super(ErrorCode.IS_BOOTSTRAPPING, message);
    }

    public IsBootstrappingException(String message, Throwable cause) {
        super(ErrorCode.IS_BOOTSTRAPPING, message, cause);
    }
}
