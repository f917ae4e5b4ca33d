package org.charybdis.cql.exceptions;

/** The statement text does not parse. */
public class SyntaxException extends CqlException {
    public SyntaxException(String message) {
        super(ErrorCode.SYNTAX_ERROR, message);
    }

    public SyntaxException(String message, Throwable cause) {
        super(ErrorCode.SYNTAX_ERROR, message, cause);
    }
}
