package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.UserAggregate;

/** A user-defined aggregate as DESCRIBE shows it, named by its signature: {@code a(int)}. */
record AggregateElement(UserAggregate aggregate) implements SchemaElement {

    @Override
    public String keyspace() {
        return aggregate.keyspace();
    }

    @Override
    public String kind() {
        return "aggregate";
    }

    @Override
    public String name() {
        return aggregate.name();
    }

    @Override
    public String displayedName() {
        return CqlText.name(aggregate.name()) + "(" + FunctionElement.types(aggregate.argumentTypes()) + ")";
    }

    @Override
    public String createStatement(boolean withInternals) {
        StringBuilder out = new StringBuilder("CREATE AGGREGATE ").append(CqlText.qualified(aggregate.keyspace(), aggregate.name()))
                .append('(').append(FunctionElement.types(aggregate.argumentTypes())).append(")\n    SFUNC ")
                .append(CqlText.name(aggregate.stateFunction())).append("\n    STYPE ").append(aggregate.stateType().cqlName());
        if (aggregate.finalFunction() != null) out.append("\n    FINALFUNC ").append(CqlText.name(aggregate.finalFunction()));
        if (aggregate.initialCondition() != null) {
            out.append("\n    INITCOND ").append(aggregate.stateType().toCqlLiteral(aggregate.initialCondition()));
        }
        return out.append(';').toString();
    }
}
