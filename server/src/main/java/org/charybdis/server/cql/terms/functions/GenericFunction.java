package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;

import java.util.List;

/**
 * A native function whose signature follows its arguments' types (Cassandra 5.0's collection, masking and
 * vector functions): each call gets a {@link ScalarFunction} built for the types it is given. Holds the
 * checks and the wording of the errors these functions share.
 *
 * @param parameters   the parameters as Cassandra prints them in errors, e.g. {@code any, [text]}
 * @param minArguments the arguments that must be given (the others are optional)
 */
record GenericFunction(String name, String parameters, int minArguments, int maxArguments, Builder builder) {

    /** Builds the function for one call's arguments, whose number is already checked. */
    @FunctionalInterface
    interface Builder {
        ScalarFunction build(GenericFunction function, List<? extends FunctionArgument> arguments);
    }

    static GenericFunction of(String name, String parameters, Builder builder) {
        int count = parameters.split(",").length;
        return new GenericFunction(name, parameters, count, count, builder);
    }

    ScalarFunction resolve(List<? extends FunctionArgument> arguments) {
        if (arguments.size() < minArguments || arguments.size() > maxArguments) {
            throw new InvalidRequestException("Invalid number of arguments for function system." + name + "(" + parameters + ")");
        }
        return builder.build(this, arguments);
    }

    /** The argument's own type; an argument without one (a marker, null) cannot pick the function's types. */
    CqlType typeOf(FunctionArgument argument) {
        CqlType type = argument.ownType();
        if (type == null) {
            throw new InvalidRequestException("Cannot infer type of argument " + argument.text() + " in call to function system." + name
                    + "(" + parameters + "): use type casts to disambiguate");
        }
        return type;
    }

    /** Cassandra's complaint about an argument of the wrong kind; {@code expected} is e.g. {@code a map argument}. */
    InvalidRequestException requires(String expected, FunctionArgument argument, CqlType found) {
        return new InvalidRequestException("Function system." + name + " requires " + expected + ", but found argument "
                + argument.text() + " of type " + found.cqlName());
    }

    /** Checks that an optional or secondary argument (a literal, a marker) can be read as that type. */
    void checkArgument(FunctionArgument argument, CqlType type) {
        if (argument.assignmentTo(type).isAssignable()) return;
        CqlType own = argument.ownType();
        throw own == null ? new InvalidRequestException("Type error: " + argument.text() + " cannot be passed as argument of function system."
                + name + " of type " + type.cqlName())
                : requires("an argument of type " + type.cqlName(), argument, own);
    }
}
