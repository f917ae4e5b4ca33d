package org.charybdis.server.cql.udf.context;

import java.util.List;

/** A tuple value as a Java UDF takes, builds and returns it (Cassandra's {@code TupleValue}): fields by position. */
public final class TupleValue extends FieldValues<TupleValue> {
    /** Made by the server and {@link UDFContext}; see {@link FieldValues} for the arguments. */
    public TupleValue(String typeName, List<String> cqlTypes, List<Class<?>> javaTypes, Object[] values) {
        super(typeName, cqlTypes, javaTypes, values);
    }

    @Override
    TupleValue self() {
        return this;
    }

    /** {@code (1,'x')}, as Cassandra shows it. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < size(); i++) s.append(i == 0 ? "" : ",").append(literal(getObject(i)));
        return s.append(')').toString();
    }
}
