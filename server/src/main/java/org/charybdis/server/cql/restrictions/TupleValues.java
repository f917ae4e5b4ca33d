package org.charybdis.server.cql.restrictions;

import org.charybdis.server.cql.ExecutionContext;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The tuples of a multi-column {@code =} or {@code IN}, one value per column each. */
record TupleValues(List<TupleTerm> tuples) implements ValueList {
    @Override
    public List<ByteBuffer[]> bind(ExecutionContext context) {
        List<ByteBuffer[]> out = new ArrayList<>(tuples.size());
        for (TupleTerm t : tuples) out.add(t.bind(context));
        return out;
    }

    /** {@code (a, b) IN ?}: one marker holding a list of tuples. */
    record Marker(ValueList.ListMarker list, String[] names) implements ValueList {
        @Override
        public List<ByteBuffer[]> bind(ExecutionContext context) {
            List<ByteBuffer[]> out = new ArrayList<>();
            for (ByteBuffer[] tuple : list.bind(context)) out.add(TupleTerm.components(tuple[0], names));
            return out;
        }
    }
}
