package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.types.CqlType;
import org.charybdis.server.schema.UserFunction;
import org.charybdis.server.schema.UserFunctions;

import java.util.List;

/** A user-defined function as DESCRIBE shows it, named by its signature: {@code f(int, text)}. */
record FunctionElement(UserFunction function) implements SchemaElement {

    @Override
    public String keyspace() {
        return function.keyspace();
    }

    @Override
    public String kind() {
        return "function";
    }

    @Override
    public String name() {
        return function.name();
    }

    @Override
    public String displayedName() {
        return CqlText.name(function.name()) + "(" + FunctionElement.types(function.argumentTypes()) + ")";
    }

    @Override
    public String createStatement(boolean withInternals) {
        StringBuilder out = new StringBuilder("CREATE FUNCTION ").append(CqlText.qualified(function.keyspace(), function.name())).append('(');
        for (int i = 0; i < function.argumentNames().size(); i++) {
            out.append(i == 0 ? "" : ", ").append(CqlText.name(function.argumentNames().get(i))).append(' ')
                    .append(function.argumentTypes().get(i).cqlName());
        }
        return out.append(")\n    ").append(function.calledOnNullInput() ? "CALLED ON NULL INPUT" : "RETURNS NULL ON NULL INPUT")
                .append("\n    RETURNS ").append(function.returnType().cqlName())
                .append("\n    LANGUAGE ").append(function.language())
                .append("\n    AS $$").append(function.body()).append("$$;").toString();
    }

    static String types(List<CqlType> types) {
        return UserFunctions.typeList(types);
    }
}
