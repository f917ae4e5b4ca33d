package org.charybdis.server.cql.udf;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.CqlTypeParser;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.UserTypeResolver;
import org.charybdis.server.cql.udf.context.TupleValue;
import org.charybdis.server.cql.udf.context.UDFContext;
import org.charybdis.server.cql.udf.context.UDTValue;
import org.charybdis.server.schema.UserFunction;

import java.util.List;

/**
 * The {@code udfContext} of one function: new, empty UDT and tuple values of its argument and return types,
 * or of the user types of its keyspace as they were when the calling statement was compiled.
 */
record FunctionContext(UserFunction function, UserTypeResolver keyspaceTypes) implements UDFContext {

    @Override
    public UDTValue newArgUDTValue(String argName) {
        return newArgUDTValue(argumentIndex(argName));
    }

    @Override
    public UDTValue newArgUDTValue(int argNum) {
        return udt(argument(argNum));
    }

    @Override
    public UDTValue newReturnUDTValue() {
        return udt(function.returnType());
    }

    @Override
    public UDTValue newUDTValue(String udtName) {
        UserType type = keyspaceTypes.resolve(function.keyspace(), udtName);
        if (type == null) throw new IllegalArgumentException("No UDT named " + udtName + " in keyspace " + function.keyspace());
        return UdfJavaTypes.newUdt(type, List.of());
    }

    @Override
    public TupleValue newArgTupleValue(String argName) {
        return newArgTupleValue(argumentIndex(argName));
    }

    @Override
    public TupleValue newArgTupleValue(int argNum) {
        return tuple(argument(argNum));
    }

    @Override
    public TupleValue newReturnTupleValue() {
        return tuple(function.returnType());
    }

    @Override
    public TupleValue newTupleValue(String cqlDefinition) {
        return tuple(CqlTypeParser.parse(cqlDefinition, (keyspace, name) -> keyspaceTypes.resolve(function.keyspace(), name)));
    }

    private int argumentIndex(String name) {
        int i = function.argumentNames().indexOf(name);
        if (i < 0) throw new IllegalArgumentException("Function does not declare an argument named '" + name + "'");
        return i;
    }

    private CqlType argument(int i) {
        if (i < 0 || i >= function.argumentTypes().size()) {
            throw new IllegalArgumentException("Function does not declare an argument with index " + i);
        }
        return function.argumentTypes().get(i);
    }

    /** Cassandra says "argument" for the return type and for {@code newTupleValue}'s type too. */
    private static UDTValue udt(CqlType type) {
        if (!(type instanceof UserType udt)) throw new IllegalStateException("Function argument is not a UDT but a " + type.cqlName());
        return UdfJavaTypes.newUdt(udt, List.of());
    }

    private static TupleValue tuple(CqlType type) {
        if (!(type instanceof TupleType tuple)) throw new IllegalStateException("Function argument is not a tuple type but a " + type.cqlName());
        return UdfJavaTypes.newTuple(tuple, List.of());
    }
}
