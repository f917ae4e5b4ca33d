package org.charybdis.cql.exceptions;

import java.util.List;

/** A user-defined function failed while executing. */
public class FunctionFailureException extends CqlException {
    private final String keyspace;
    private final String function;
    private final List<String> argTypes;

    public FunctionFailureException(String message, String keyspace, String function, List<String> argTypes) {
        super(ErrorCode.FUNCTION_FAILURE, message);
        this.keyspace = keyspace;
        this.function = function;
        this.argTypes = List.copyOf(argTypes);
    }

    public String keyspace() { return keyspace; }
    public String function() { return function; }
    public List<String> argTypes() { return argTypes; }
}
