package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.server.cql.terms.functions.ScalarFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * What an aggregate is fed with each row: nothing, its one argument, or (for user-defined aggregates of several
 * arguments) the arguments packed into one tuple value, which the aggregate unpacks.
 */
final class AggregateArguments {
    private AggregateArguments() {}

    /** @return null for an aggregate without arguments */
    static SelectorNode of(List<SelectorNode> arguments, List<CqlType> types) {
        if (arguments.isEmpty()) return null;
        if (arguments.size() == 1) return arguments.get(0);
        TupleType tuple = TupleType.of(types);
        ScalarFunction pack = new ScalarFunction("arguments", types, tuple, true, true, values -> {
            List<Object> components = new ArrayList<>(values.length);
            for (int i = 0; i < values.length; i++) components.add(values[i] == null ? null : types.get(i).deserialize(values[i]));
            return tuple.serialize(components);
        });
        return new SelectorNode.Call(pack, arguments);
    }
}
