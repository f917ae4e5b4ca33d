package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CqlType;

import java.util.List;

/** A built-in function of the {@code system} keyspace: its (lower case) name and one signature. */
public sealed interface NativeFunction permits ScalarFunction, AggregateFunction {
    String name();

    List<CqlType> argTypes();

    CqlType returnType();

    /** As Cassandra lists signatures in its errors: {@code system.todate : (timeuuid) -> date}. */
    default String signature() {
        StringBuilder s = new StringBuilder("system.").append(name()).append(" : (");
        for (int i = 0; i < argTypes().size(); i++) s.append(i == 0 ? "" : ", ").append(argTypes().get(i).cqlName());
        return s.append(") -> ").append(returnType().cqlName()).toString();
    }
}
