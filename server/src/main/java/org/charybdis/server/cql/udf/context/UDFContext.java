package org.charybdis.server.cql.udf.context;

/**
 * What a Java UDF body sees as {@code udfContext}, named and shaped as Cassandra's: it makes new UDT and tuple
 * values of the function's argument and return types, or of any type of the function's keyspace.
 */
public interface UDFContext {
    UDTValue newArgUDTValue(String argName);

    UDTValue newArgUDTValue(int argNum);

    UDTValue newReturnUDTValue();

    UDTValue newUDTValue(String udtName);

    TupleValue newArgTupleValue(String argName);

    TupleValue newArgTupleValue(int argNum);

    TupleValue newReturnTupleValue();

    TupleValue newTupleValue(String cqlDefinition);
}
