package org.charybdis.cql.types;

/** A type definition or type string is not acceptable (unknown name, bad syntax, disallowed nesting). */
public final class InvalidTypeException extends IllegalArgumentException {
    public InvalidTypeException(String message) {
        super(message);
    }
}
