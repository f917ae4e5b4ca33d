package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CqlType;

/** An argument of a function call before the overload is chosen: how it fits a type, and its text for errors. */
public interface FunctionArgument {
    Assignment assignmentTo(CqlType type);

    /** The argument as the statement wrote it (Cassandra names arguments so in errors). */
    String text();

    /** The type the argument has by itself (a column's, a constant's preferred type), or null (a marker, null, a collection literal). */
    default CqlType ownType() {
        return null;
    }

    /** The number of elements of a list literal argument, or -1 for anything else. */
    default int listLiteralSize() {
        return -1;
    }

    /** An argument whose type is known (a column, another function's result). */
    static FunctionArgument typed(CqlType type, String text) {
        return new FunctionArgument() {
            @Override
            public Assignment assignmentTo(CqlType target) {
                return TypeCompatibility.assignment(target, type);
            }

            @Override
            public String text() {
                return text;
            }

            @Override
            public CqlType ownType() {
                return type;
            }
        };
    }
}
