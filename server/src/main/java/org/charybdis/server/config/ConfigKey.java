package org.charybdis.server.config;

import java.util.function.Function;

/**
 * One configuration key: its scylla.yaml-style name, how to read its value from YAML or the command
 * line, and its default. The command-line form of {@code native_transport_port} is
 * {@code --native-transport-port}.
 */
public record ConfigKey<T>(String name, Class<T> type, T defaultValue, Function<Object, T> parser, String description) {

    public String optionName() {
        return "--" + name.replace('_', '-');
    }

    /** Parses a raw YAML or command-line value; throws {@link ConfigException} naming this key on error. */
    public T parse(Object raw, String source) {
        try {
            return parser.apply(raw);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ConfigException("Invalid value '" + raw + "' for " + name + " (" + source + "): " + why);
        }
    }
}
