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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ServerConfig} from defaults, a YAML file and command-line overrides, in that order. */
public final class ConfigLoader {
    private final Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();

    /** Reads a YAML file of {@code key: value} lines; an unknown key or a bad value names itself. */
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
        raw.forEach((name, value) -> put(name, value, file));
        return this;
    }

    /**
     * One YAML entry. A section such as {@code client_encryption_options} is a nested map whose entries are keys
     * named {@code section.entry}, so {@code --client-encryption-options.enabled=true} overrides one of them.
     */
    private void put(String name, Object value, Path file) {
        ConfigKey<?> key = ServerConfig.byName(name);
        if (key == null && ServerConfig.isSection(name)) {
            if (value == null) return;
            if (!(value instanceof Map<?, ?> section)) throw new ConfigException(name + " in " + file + " must be a mapping of key: value");
            section.forEach((k, v) -> put(name + "." + k, v, file));
            return;
        }
        if (key == null) throw unknownKey(name, file);
        if (value != null) values.put(key, key.parse(value, file.toString()));
    }

    private static ConfigException unknownKey(String name, Path file) {
        List<String> known = new ArrayList<>();
        for (ConfigKey<?> key : ServerConfig.keys()) known.add(key.name());
        String suggestion = KeySuggestion.closest(name, known);
        return new ConfigException("Unknown configuration key '" + name + "' in " + file
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "; `charybdis --help` lists every key"));
    }

    /** Applies one override given as text (command line). */
    public ConfigLoader set(ConfigKey<?> key, String text) {
        values.put(key, key.parse(text, "command line " + key.optionName()));
        return this;
    }

    public ServerConfig build() {
        return new ServerConfig(values);
    }
}
