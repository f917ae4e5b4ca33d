package org.charybdis.server.schema;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An immutable snapshot of every keyspace. Shards read the current snapshot freely; changes build a
 * new snapshot (copy on write) and publish it, so no shard ever sees a half-applied change.
 */
public record Schema(Map<String, KeyspaceMetadata> keyspaces, long version) {

    public Schema {
        keyspaces = Collections.unmodifiableMap(new TreeMap<>(keyspaces));
    }

    public static Schema empty() {
        return new Schema(Map.of(), 0);
    }

    public KeyspaceMetadata keyspace(String name) {
        return keyspaces.get(name);
    }

    public TableMetadata table(String keyspace, String table) {
        KeyspaceMetadata ks = keyspaces.get(keyspace);
        return ks == null ? null : ks.table(table);
    }

    public Schema with(KeyspaceMetadata keyspace) {
        Map<String, KeyspaceMetadata> copy = new TreeMap<>(keyspaces);
        copy.put(keyspace.name(), keyspace);
        return new Schema(copy, version + 1);
    }

    public Schema without(String keyspace) {
        Map<String, KeyspaceMetadata> copy = new TreeMap<>(keyspaces);
        copy.remove(keyspace);
        return new Schema(copy, version + 1);
    }

    /** The schema version UUID system.local reports; drivers compare it to wait for schema agreement. */
    public UUID versionId() {
        return UUID.nameUUIDFromBytes(("charybdis-schema-" + version).getBytes(StandardCharsets.UTF_8));
    }
}
