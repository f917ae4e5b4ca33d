package org.charybdis.server.schema;

import org.charybdis.cql.types.CqlType;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A user-defined aggregate as stored in the schema (a row of {@code system_schema.aggregates}): the state
 * function folds each row into the state, the final function (null when absent) turns the state into the
 * result; {@code initialCondition} is the serialized first state, null when absent.
 */
public record UserAggregate(String keyspace, String name, List<CqlType> argumentTypes, String stateFunction, CqlType stateType,
                            String finalFunction, ByteBuffer initialCondition, CqlType returnType) {
    public UserAggregate {
        argumentTypes = List.copyOf(argumentTypes);
        initialCondition = initialCondition == null ? null : initialCondition.asReadOnlyBuffer();
    }

    public String signature() {
        return UserFunctions.signature(name, argumentTypes);
    }

    /** The state function's argument types: the state, then the aggregate's arguments. */
    public List<CqlType> stateFunctionArguments() {
        List<CqlType> types = new java.util.ArrayList<>(argumentTypes.size() + 1);
        types.add(stateType);
        types.addAll(argumentTypes);
        return types;
    }

    public String description() {
        return keyspace + "." + name + " : (" + UserFunctions.typeList(argumentTypes) + ") -> " + returnType.cqlName();
    }
}
