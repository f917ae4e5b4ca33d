package org.charybdis.server.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Keys of Cassandra's and ScyllaDB's configuration files that Charybdis does not use (foreign-keys.txt), so that a
 * stock cassandra.yaml or scylla.yaml starts it: each is accepted with a notice saying why it changes nothing,
 * except a feature Charybdis lacks being turned on, which is refused rather than silently not done.
 */
final class ForeignKeys {
    private static final Map<String, String> WHY = load();

    private ForeignKeys() {}

    /** Whether {@code name} is a key of Cassandra or ScyllaDB that Charybdis does not use. */
    static boolean contains(String name) {
        return WHY.containsKey(name);
    }

    /**
     * The notice for a foreign key given a value (logged once at start-up); throws {@link ConfigException} when the
     * value turns on a feature Charybdis lacks.
     */
    static String notice(String name, Object value, String source) {
        String why = WHY.get(name);
        return switch (why) {
            case "cluster" -> "Ignoring " + name + " (" + source + "): it means nothing on a single node";
            case "thrift" -> "Ignoring " + name + " (" + source + "): Thrift is gone, clients speak CQL";
            case "unsupported-if-enabled" -> {
                if (turnedOn(value)) {
                    throw new ConfigException(name + " is turned on in " + source + ", but Charybdis does not support it;"
                            + " set it to false or remove it");
                }
                yield "Ignoring " + name + " (" + source + "): off, and not supported by Charybdis";
            }
            default -> "Ignoring " + name + " (" + source + "): Charybdis does not use it"
                    + " (it sizes and tunes itself from `memory` and the disk, or lacks the feature)";
        };
    }

    /** true, "true", or a section whose {@code enabled} is true. */
    private static boolean turnedOn(Object value) {
        if (value instanceof Map<?, ?> section) return turnedOn(section.get("enabled"));
        return value != null && Boolean.parseBoolean(value.toString().strip());
    }

    private static Map<String, String> load() {
        Map<String, String> why = new HashMap<>();
        try (InputStream in = ForeignKeys.class.getResourceAsStream("foreign-keys.txt")) {
            if (in == null) throw new IllegalStateException("foreign-keys.txt is missing from the classpath");
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] parts = line.split("\\s+");
                why.put(parts[0], parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return why;
    }
}
