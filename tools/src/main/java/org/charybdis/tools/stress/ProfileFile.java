package org.charybdis.tools.stress;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a user-defined schema (a YAML file, {@link #FORMAT_HELP}) into a {@link StressProfile}.
 */
final class ProfileFile {
    static final String FORMAT_HELP = """
            A --profile file is YAML; the keyspace and table are created if absent:
              keyspace: shop
              keyspace_definition: CREATE KEYSPACE shop WITH replication = ...
                                   (optional: SimpleStrategy, RF 1 by default)
              table: orders
              table_definition: >
                CREATE TABLE shop.orders (id bigint PRIMARY KEY,
                                          customer text, amount int, note blob)
              insert: INSERT INTO shop.orders (id, customer, amount, note)
                      VALUES (?, ?, ?, ?)
              insert_values: [key bigint, text(12), int, blob(100)]  # one per ?
              read: SELECT * FROM shop.orders WHERE id = ?
              read_values: [key bigint]
              scan: SELECT ...   (optional: SELECT * with token(partition key) bounds)
            Values: %s (size default %d).
            A "key" value is the key index (int, bigint) or its zero-padded hex (text,
            blob): use it for key columns. Other values are pseudo-random, derived from
            the key index and the value's position.
            """.formatted(ValueSpec.SYNTAX, ValueSpec.DEFAULT_SIZE);

    private static final Set<String> KEYS = Set.of("keyspace", "keyspace_definition", "table", "table_definition", "insert",
            "insert_values", "read", "read_values", "scan");

    private ProfileFile() {}

    static StressProfile load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read profile " + file + ": " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException | YAMLException e) {
            throw new IllegalArgumentException("profile " + file + ": " + e.getMessage());
        }
    }

    static StressProfile parse(String yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> map)) throw new IllegalArgumentException("expected a YAML mapping of keyspace, table, insert, ...");
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String keyspace = required(map, "keyspace");
        String table = required(map, "table");
        String keyspaceCql = optional(map, "keyspace_definition");
        if (keyspaceCql == null) {
            keyspaceCql = "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";
        }
        String insert = optional(map, "insert");
        String read = optional(map, "read");
        return new StressProfile(keyspace, table, keyspaceCql, required(map, "table_definition"),
                insert, values(map, "insert_values", insert), read, values(map, "read_values", read), optional(map, "scan"));
    }

    /** The value specs of a statement: a YAML list or one comma-separated string; required when the statement is given. */
    private static List<ValueSpec> values(Map<?, ?> map, String key, String statement) {
        Object raw = map.get(key);
        if (statement == null) {
            if (raw != null) throw new IllegalArgumentException(key + " given without its statement");
            return List.of();
        }
        if (raw == null) throw new IllegalArgumentException(key + " is required with its statement (one value per ? marker)");
        List<String> texts = new ArrayList<>();
        if (raw instanceof List<?> list) list.forEach(v -> texts.add(String.valueOf(v)));
        else for (String part : String.valueOf(raw).split(",")) texts.add(part);
        List<ValueSpec> specs = new ArrayList<>();
        for (String t : texts) {
            try {
                specs.add(ValueSpec.parse(t, specs.size()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage());
            }
        }
        return specs;
    }

    private static String required(Map<?, ?> map, String key) {
        String value = optional(map, key);
        if (value == null) throw new IllegalArgumentException(key + " is required");
        return value;
    }

    private static String optional(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) return null;
        if (value instanceof Map || value instanceof List) throw new IllegalArgumentException(key + " must be a single value");
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? null : text;
    }
}
