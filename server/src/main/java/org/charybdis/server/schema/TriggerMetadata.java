package org.charybdis.server.schema;

import java.util.Map;

/**
 * A trigger of a table: its name (unique in the table) and the class, loaded from the triggers directory, that adds
 * mutations to each write of the table. {@code system_schema.triggers} shows the class as option {@code class}.
 */
public record TriggerMetadata(String name, String className) {

    /** system_schema.triggers.options. */
    public Map<String, String> schemaOptions() {
        return Map.of("class", className);
    }
}
