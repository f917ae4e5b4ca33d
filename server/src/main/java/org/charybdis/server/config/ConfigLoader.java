package org.charybdis.server.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link ServerConfig} from defaults, a YAML file, {@code CHARYBDIS_<KEY>} environment variables and
 * command-line overrides, in that order.
 */
public final class ConfigLoader {
    /** Environment variables of the form CHARYBDIS_NATIVE_TRANSPORT_PORT set the key of the same name. */
    public static final String ENVIRONMENT_PREFIX = "CHARYBDIS_";

    private final Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    private final List<String> notices = new ArrayList<>();

    /**
     * Reads a YAML file of {@code key: value} lines, scylla.yaml's and cassandra.yaml's included: an unknown key or a
     * bad value names itself.
     */
    public ConfigLoader yaml(Path file) {
        if (!Files.exists(file)) throw new ConfigException("Configuration file not found: " + file);
        Map<String, Object> raw;
        try (Reader reader = Files.newBufferedReader(file)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (loaded == null) return this;
            if (!(loaded instanceof Map<?, ?> map)) throw new ConfigException(file + " must be a mapping of key: value");
            raw = new LinkedHashMap<>();
            map.forEach((k, v) -> raw.put(String.valueOf(k), v));
        } catch (IOException | YAMLException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
        }
        Map<ConfigKey<?>, String> namedAs = new HashMap<>();
        raw.forEach((name, value) -> put(name, value, file.toString(), namedAs));
        return this;
    }

    /**
     * One YAML entry. A section such as {@code client_encryption_options} is a nested map whose entries are keys
     * named {@code section.entry}, so {@code --client-encryption-options.enabled=true} overrides one of them.
     */
    private void put(String name, Object value, String source, Map<ConfigKey<?>, String> namedAs) {
        ConfigKey<?> key = ServerConfig.byName(name);
        if (key == null && ServerConfig.isSection(name)) {
            if (value == null) return;
            if (!(value instanceof Map<?, ?> section)) throw new ConfigException(name + " in " + source + " must be a mapping of key: value");
            section.forEach((k, v) -> put(name + "." + k, v, source, namedAs));
            return;
        }
        if (key == null && ForeignKeys.contains(name)) {
            notices.add(ForeignKeys.notice(name, value, source));
            return;
        }
        if (key == null) throw unknownKey(name, source);
        String earlier = namedAs.put(key, name);
        if (earlier != null && !earlier.equals(name)) {
            throw new ConfigException(source + " sets both " + earlier + " and " + name + ", two names of one key: keep one");
        }
        if (value != null) values.put(key, key.parse(value, name.equals(key.name()) ? source : source + ", as " + name));
    }

    private static ConfigException unknownKey(String name, String source) {
        List<String> known = new ArrayList<>();
        for (ConfigKey<?> key : ServerConfig.keys()) known.add(key.name());
        String suggestion = KeySuggestion.closest(name, known);
        return new ConfigException("Unknown configuration key '" + name + "' in " + source
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "; `charybdis --help` lists every key"));
    }

    /**
     * Applies {@code CHARYBDIS_<KEY>} variables: the key's name in capitals, a section's dot as an underscore
     * ({@code CHARYBDIS_CLIENT_ENCRYPTION_OPTIONS_ENABLED}). Other CHARYBDIS_ variables belong to the scripts.
     */
    public ConfigLoader environment(Map<String, String> environment) {
        for (ConfigKey<?> key : ServerConfig.keys()) {
            String variable = environmentVariable(key);
            String text = environment.get(variable);
            if (text != null) values.put(key, key.parse(text, "environment variable " + variable));
        }
        return this;
    }

    /** The environment variable that sets {@code key}. */
    public static String environmentVariable(ConfigKey<?> key) {
        return ENVIRONMENT_PREFIX + key.name().replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Applies one override given as text (command line). */
    public ConfigLoader set(ConfigKey<?> key, String text) {
        values.put(key, key.parse(text, "command line " + key.optionName()));
        return this;
    }

    public ServerConfig build() {
        return new ServerConfig(values, notices);
    }
}
