package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Values made of typed fields (tuples and UDTs): each field {@code [int length][bytes]}, null as
 * length -1; a value may stop early, the missing trailing fields being null.
 */
final class FieldsFormat {
    private FieldsFormat() {}

    static ByteBuffer serialize(List<?> values, List<CqlType> types, String kind) {
        if (values.size() > types.size()) {
            throw new MarshalException("Too many values for " + kind + ": " + values.size() + " given, "
                    + types.size() + " fields");
        }
        List<ByteBuffer> items = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            items.add(types.get(i).serialize(values.get(i)));
        }
        return ValueFraming.packFields(items);
    }

    /** Every field's value, missing trailing fields as null. */
    static List<Object> deserialize(ByteBuffer bytes, List<CqlType> types, String kind) {
        ByteBuffer[] items = ValueFraming.unpackFields(bytes, types.size(), kind);
        List<Object> values = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            values.add(i < items.length && items[i] != null ? types.get(i).deserialize(items[i]) : null);
        }
        return values;
    }

    static void validate(ByteBuffer bytes, List<CqlType> types, String kind) {
        ByteBuffer[] items = ValueFraming.unpackFields(bytes, types.size(), kind);
        for (int i = 0; i < items.length; i++) {
            if (items[i] != null) {
                types.get(i).validate(items[i]);
            }
        }
    }

    /** Field by field, null before any value; trailing nulls are the same as missing fields. */
    static int compare(ByteBuffer a, ByteBuffer b, List<CqlType> types, String kind) {
        ByteBuffer[] left = ValueFraming.unpackFields(a, types.size(), kind);
        ByteBuffer[] right = ValueFraming.unpackFields(b, types.size(), kind);
        int common = Math.min(left.length, right.length);
        for (int i = 0; i < common; i++) {
            if (left[i] == null || right[i] == null) {
                if (left[i] != right[i]) {
                    return left[i] == null ? -1 : 1;
                }
                continue;
            }
            int c = types.get(i).compare(left[i], right[i]);
            if (c != 0) {
                return c;
            }
        }
        if (hasValueFrom(left, common)) {
            return 1;
        }
        return hasValueFrom(right, common) ? -1 : 0;
    }

    private static boolean hasValueFrom(ByteBuffer[] items, int from) {
        for (int i = from; i < items.length; i++) {
            if (items[i] != null) {
                return true;
            }
        }
        return false;
    }

    /** Field literals, missing fields as {@code null}; with names, {@code name: value}. */
    static String toCqlLiteral(ByteBuffer bytes, List<CqlType> types, List<String> names, String kind) {
        ByteBuffer[] items = ValueFraming.unpackFields(bytes, types.size(), kind);
        StringBuilder out = new StringBuilder().append(names == null ? '(' : '{');
        for (int i = 0; i < types.size(); i++) {
            out.append(i == 0 ? "" : ", ");
            if (names != null) {
                out.append(CqlIdentifiers.maybeQuote(names.get(i))).append(": ");
            }
            out.append(i < items.length ? types.get(i).toCqlLiteral(items[i]) : "null");
        }
        return out.append(names == null ? ')' : '}').toString();
    }
}
