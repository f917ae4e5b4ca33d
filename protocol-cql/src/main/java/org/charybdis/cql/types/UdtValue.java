package org.charybdis.cql.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Java value of a user-defined type: field name to value, in field order, nulls allowed. */
public record UdtValue(Map<String, Object> fields) {
    public UdtValue {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
