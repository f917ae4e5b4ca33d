package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CqlType;

import java.util.List;

/** A function with one signature: built in (its lower case name) or user-defined (named {@code keyspace.name}). */
public sealed interface NativeFunction permits ScalarFunction, AggregateFunction {
    String name();

    List<CqlType> argTypes();

    CqlType returnType();

    /** {@code system.name} for built-in functions; a user-defined function's name already holds its keyspace. */
    default String qualifiedName() {
        return name().contains(".") ? name() : "system." + name();
    }

    /** As Cassandra lists signatures in its errors: {@code system.todate : (timeuuid) -> date}. */
    default String signature() {
        StringBuilder s = new StringBuilder(qualifiedName()).append(" : (");
        for (int i = 0; i < argTypes().size(); i++) s.append(i == 0 ? "" : ", ").append(argTypes().get(i).cqlName());
        return s.append(") -> ").append(returnType().cqlName()).toString();
    }
}
