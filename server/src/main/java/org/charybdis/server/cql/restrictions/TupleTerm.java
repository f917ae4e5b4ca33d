package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.schema.ColumnMetadata;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The right side of a multi-column relation, {@code (1, ?)} or {@code ?}, bound to one value per column. */
record TupleTerm(BoundValue[] elements, BoundValue whole, String[] names) {

    static TupleTerm resolve(Term term, List<ColumnMetadata> columns, BindVariables variables) {
        String[] names = new String[columns.size()];
        for (int i = 0; i < names.length; i++) names[i] = columns.get(i).name();
        if (term instanceof Term.TupleLiteral tuple) {
            if (tuple.elements().size() != columns.size()) {
                throw new InvalidRequestException("Expected " + columns.size() + " elements in value tuple, but got "
                        + tuple.elements().size() + ": " + tuple);
            }
            BoundValue[] elements = new BoundValue[columns.size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = Terms.resolve(tuple.elements().get(i), columns.get(i).type(), names[i], variables);
            }
            return new TupleTerm(elements, null, names);
        }
        if (term instanceof Term.BindMarker) {
            List<CqlType> types = new ArrayList<>(columns.size());
            for (ColumnMetadata c : columns) types.add(c.type());
            String receiver = "(" + String.join(",", names) + ")";
            return new TupleTerm(null, Terms.resolve(term, TupleType.of(types), receiver, variables), names);
        }
        throw new InvalidRequestException("Invalid value for multi-column relation on (" + String.join(", ", names) + "): " + term);
    }

    ByteBuffer[] bind(ExecutionContext context) {
        if (elements != null) {
            ByteBuffer[] values = new ByteBuffer[names.length];
            for (int i = 0; i < values.length; i++) values[i] = ValueList.checked(elements[i].bind(context), names[i]);
            return values;
        }
        return components(ValueList.checked(whole.bind(context), names[0]), names);
    }

    /** A serialized tuple's values, one per column; a missing or null one is refused. */
    static ByteBuffer[] components(ByteBuffer tuple, String[] names) {
        ByteBuffer[] values = new ByteBuffer[names.length];
        ByteBuffer in = tuple.duplicate();
        for (int i = 0; i < values.length; i++) {
            int length = in.remaining() >= 4 ? in.getInt() : -1;
            if (length < 0) throw new InvalidRequestException("Invalid null value in condition for column " + names[i]);
            values[i] = in.slice(in.position(), length);
            in.position(in.position() + length);
        }
        return values;
    }
}
