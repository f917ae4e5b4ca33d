package org.charybdis.cql.syntax;

import java.util.List;

/** {@code CREATE [OR REPLACE] AGGREGATE [IF NOT EXISTS] a (types) SFUNC f STYPE type [FINALFUNC g] [INITCOND term]}; finalFunction and initialCondition are null when absent. */
public record CreateAggregateStatement(QualifiedName aggregate, boolean orReplace, boolean ifNotExists, List<RawType> argumentTypes,
        QualifiedName stateFunction, RawType stateType, QualifiedName finalFunction, Term initialCondition) implements SchemaStatement {
    public CreateAggregateStatement {
        argumentTypes = List.copyOf(argumentTypes);
    }
}
