package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.types.CqlIdentifiers;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** The pieces of CQL text DESCRIBE writes, formatted as Cassandra 5.0 formats them. */
final class CqlText {
    private CqlText() {}

    /** A name bare when that reads back the same, double-quoted otherwise. */
    static String name(String name) {
        return CqlIdentifiers.maybeQuote(name);
    }

    /** {@code ks.name}, each part quoted when needed. */
    static String qualified(String keyspace, String name) {
        return name(keyspace) + '.' + name(name);
    }

    /** A string constant: single-quoted, inner single quotes doubled. */
    static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code {'a': 'x', 'b': 'y'}} with keys sorted, as Cassandra prints map options. */
    static String map(Map<String, String> map) {
        StringBuilder out = new StringBuilder("{");
        Iterator<Map.Entry<String, String>> entries = new TreeMap<>(map).entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, String> entry = entries.next();
            out.append(quoted(entry.getKey())).append(": ").append(quoted(entry.getValue()));
            if (entries.hasNext()) out.append(", ");
        }
        return out.append('}').toString();
    }

    /** Table extensions: values are blobs, printed as unquoted hex constants. */
    static String blobMap(Map<String, String> map) {
        StringBuilder out = new StringBuilder("{");
        Iterator<Map.Entry<String, String>> entries = new TreeMap<>(map).entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, String> entry = entries.next();
            byte[] bytes = entry.getValue().getBytes(StandardCharsets.UTF_8);
            out.append(quoted(entry.getKey())).append(": 0x").append(HexFormat.of().formatHex(bytes));
            if (entries.hasNext()) out.append(", ");
        }
        return out.append('}').toString();
    }
}
