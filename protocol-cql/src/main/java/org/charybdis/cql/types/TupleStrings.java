package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cassandra's string form of a tuple, which it also applies to a lone constant given for a tuple: components
 * separated by {@code :} (written {@code \:} inside one), {@code @} for a null component (written {@code \@}),
 * fewer components than the type has leaving the rest null.
 */
final class TupleStrings {
    private TupleStrings() {}

    static ByteBuffer parse(String text, TupleType type) {
        List<String> components = split(text);
        if (components.size() > type.size()) {
            throw new MarshalException("Invalid tuple literal: too many elements. Type " + type.cqlName() + " expects "
                    + type.size() + " but got " + components.size());
        }
        List<ByteBuffer> fields = new ArrayList<>(components.size());
        for (int i = 0; i < components.size(); i++) {
            String component = components.get(i);
            fields.add(component.equals("@") ? null : type.type(i).fromString(unescape(component)));
        }
        return ValueFraming.packFields(fields);
    }

    /** Splits at each {@code :} not preceded by a backslash; the empty string has no components. */
    private static List<String> split(String text) {
        List<String> components = new ArrayList<>();
        if (text.isEmpty()) {
            return components;
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ':' && (i == 0 || text.charAt(i - 1) != '\\')) {
                components.add(text.substring(start, i));
                start = i + 1;
            }
        }
        components.add(text.substring(start));
        return components;
    }

    private static String unescape(String component) {
        return component.replace("\\:", ":").replace("\\@", "@");
    }
}
