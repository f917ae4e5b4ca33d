package org.charybdis.cql.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The Java value of a tuple: its components in order, nulls allowed. */
public record TupleValue(List<Object> values) {
    public TupleValue {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static TupleValue of(Object... values) {
        return new TupleValue(Arrays.asList(values));
    }
}
