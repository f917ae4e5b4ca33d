package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.CqlTypeParser;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.schema.KeyspaceMetadata;

import java.util.List;

/**
 * The type DESCRIBE ... WITH INTERNALS gives a dropped column. Cassandra records a dropped column's
 * type with its user types expanded to tuples (the type itself may be dropped later), so a dropped
 * {@code frozen<address>} reads {@code frozen<tuple<text, int>>}.
 */
final class DroppedColumnTypes {
    private DroppedColumnTypes() {}

    /** The recorded type text with user types expanded; the text as recorded when it names no known type. */
    static String describe(String recorded, KeyspaceMetadata keyspace) {
        CqlType type;
        try {
            type = CqlTypeParser.parse(recorded, (ks, name) -> ks == null || ks.equals(keyspace.name())
                    ? keyspace.types().get(name) instanceof UserType udt ? udt : null : null);
        } catch (IllegalArgumentException e) {
            return recorded;
        }
        return expanded(type);
    }

    private static String expanded(CqlType type) {
        return switch (type) {
            case UserType udt -> tuple(udt.fieldTypes());
            case TupleType tuple -> tuple(tuple.subTypes());
            case ListType list -> collection("list<" + expanded(list.elementType()) + ">", list);
            case SetType set -> collection("set<" + expanded(set.elementType()) + ">", set);
            case MapType map -> collection("map<" + expanded(map.keyType()) + ", " + expanded(map.valueType()) + ">", map);
            case VectorType vector -> "vector<" + expanded(vector.elementType()) + ", " + vector.dimension() + ">";
            default -> type.cqlName();
        };
    }

    private static String tuple(List<CqlType> components) {
        StringBuilder out = new StringBuilder("frozen<tuple<");
        for (int i = 0; i < components.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(expanded(components.get(i)));
        }
        return out.append(">>").toString();
    }

    private static String collection(String name, CqlType type) {
        return type.isMultiCell() ? name : "frozen<" + name + ">";
    }
}
