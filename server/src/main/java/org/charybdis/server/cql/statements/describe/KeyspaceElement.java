package org.charybdis.server.cql.statements.describe;

import org.charybdis.server.schema.KeyspaceMetadata;

import java.util.Map;
import java.util.TreeMap;

/**
 * A keyspace as DESCRIBE shows it. Replication prints the strategy's short class name first, then its
 * options; the two spaces before AND are Cassandra's. A virtual keyspace cannot be created, so it is
 * shown inside a comment, as Cassandra does.
 */
record KeyspaceElement(KeyspaceMetadata metadata, boolean virtual) implements SchemaElement {
    private static final String LOCATOR_PACKAGE = "org.apache.cassandra.locator.";

    @Override
    public String keyspace() {
        return metadata.name();
    }

    @Override
    public String kind() {
        return "keyspace";
    }

    @Override
    public String name() {
        return metadata.name();
    }

    @Override
    public String createStatement(boolean withInternals) {
        String name = CqlText.name(metadata.name());
        if (virtual) {
            return "/*\nWarning: Keyspace " + name + " is a virtual keyspace and cannot be recreated with CQL.\n"
                    + "Structure, for reference:\nVIRTUAL KEYSPACE " + name + ";\n*/";
        }
        return "CREATE KEYSPACE " + name + " WITH replication = " + replication()
                + "  AND durable_writes = " + metadata.durableWrites() + ";";
    }

    private String replication() {
        Map<String, String> options = new TreeMap<>(metadata.replication());
        String strategy = options.remove("class");
        if (strategy == null) strategy = "";
        if (strategy.startsWith(LOCATOR_PACKAGE)) strategy = strategy.substring(LOCATOR_PACKAGE.length());
        StringBuilder out = new StringBuilder("{'class': ").append(CqlText.quoted(strategy));
        options.forEach((key, value) -> out.append(", ").append(CqlText.quoted(key)).append(": ").append(CqlText.quoted(value)));
        return out.append('}').toString();
    }
}
