package org.charybdis.server.schema;

import org.charybdis.cql.types.CqlType;

import java.util.List;

/**
 * A user-defined function as stored in the schema (a row of {@code system_schema.functions}); its compiled
 * body lives in {@code udf.CompiledFunctions}, built once per definition.
 */
public record UserFunction(String keyspace, String name, List<String> argumentNames, List<CqlType> argumentTypes,
                           CqlType returnType, boolean calledOnNullInput, String language, String body) {
    public UserFunction {
        argumentNames = List.copyOf(argumentNames);
        argumentTypes = List.copyOf(argumentTypes);
    }

    /** The key of this overload among the keyspace's functions: {@code name(int, text)}. */
    public String signature() {
        return UserFunctions.signature(name, argumentTypes);
    }

    /** As Cassandra names a function in its errors: {@code ks.f : (int, int) -> int}. */
    public String description() {
        return keyspace + "." + name + " : (" + UserFunctions.typeList(argumentTypes) + ") -> " + returnType.cqlName();
    }
}
