package org.charybdis.server.schema;

import org.charybdis.cql.types.CqlType;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.io.IoClass;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Keeps the schema across restarts in {@code <directory>/schema.json}. Only the keyspaces {@code saved}
 * accepts are written: the node-local system keyspaces are rebuilt from code at every start.
 * <p>
 * {@link #save} is what the schema owner calls before publishing a change; {@link #loadOnto} is what
 * start-up calls before any table's storage is created, so tables come back with the same ids.
 */
public final class SchemaStore implements SchemaManager.Persistence {
    private final SchemaFile file;
    private final Predicate<String> saved;

    /** {@code savedKeyspaces}: the keyspaces to keep (user keyspaces and the replicated system ones). */
    public SchemaStore(Path directory, Predicate<String> savedKeyspaces) {
        this.file = new SchemaFile(directory);
        this.saved = savedKeyspaces;
    }

    public Path path() {
        return file.path();
    }

    /**
     * The schema to start with: {@code builtIn} (the system keyspaces from code) with the saved keyspaces
     * laid over it, at the saved schema version; {@code builtIn} itself when nothing was saved. Blocks: call it
     * at start-up, off the shard threads.
     *
     * @throws IllegalStateException naming the file when it cannot be read or parsed; starting without it
     *         would orphan the data of every table it lists
     */
    public Schema loadOnto(Schema builtIn) {
        byte[] bytes;
        try {
            bytes = file.readIfExists();
        } catch (IOException e) {
            throw unreadable(e.toString(), e);
        }
        if (bytes == null) return builtIn;
        Schema stored;
        try {
            stored = SchemaJson.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw unreadable(e.getMessage(), e);
        }
        return merge(builtIn, stored);
    }

    /**
     * Writes the saved part of {@code schema} durably. On a shard the write goes through its IO queue and the
     * stage completes back on that shard; off the shards (start-up, tools) it is written inline.
     */
    @Override
    public CompletionStage<Void> save(Schema schema) {
        byte[] json = SchemaJson.encode(schema, saved);
        Shard shard = Shard.current();
        if (shard == null) {
            try {
                write(json);
                return CompletableFuture.completedFuture(null);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return shard.io().submit(IoClass.MAINTENANCE, json.length, () -> {
            write(json);
            return null;
        });
    }

    private void write(byte[] json) throws IOException {
        try {
            file.write(json);
        } catch (IOException e) {
            throw new IOException("Cannot save the schema to " + file.path() + ": " + e, e);
        }
    }

    /**
     * Saved keyspaces replace or join the built-in ones. For a built-in keyspace that is also saved
     * (system_auth and the other replicated system keyspaces), its saved replication, tables and types win
     * and tables that a newer version of the code added are kept.
     */
    private Schema merge(Schema builtIn, Schema stored) {
        Map<String, KeyspaceMetadata> keyspaces = new TreeMap<>(builtIn.keyspaces());
        for (KeyspaceMetadata ks : stored.keyspaces().values()) {
            if (!saved.test(ks.name())) continue; // never saved by this code: the built-in definition stands
            KeyspaceMetadata code = builtIn.keyspace(ks.name());
            keyspaces.put(ks.name(), code == null ? ks : overlay(code, ks));
        }
        return new Schema(keyspaces, Math.max(builtIn.version(), stored.version()));
    }

    private static KeyspaceMetadata overlay(KeyspaceMetadata code, KeyspaceMetadata stored) {
        Map<String, TableMetadata> tables = new TreeMap<>(code.tables());
        tables.putAll(stored.tables());
        Map<String, CqlType> types = new TreeMap<>(code.types());
        types.putAll(stored.types());
        return new KeyspaceMetadata(stored.name(), stored.replication(), stored.durableWrites(), tables, types);
    }

    private IllegalStateException unreadable(String problem, Exception cause) {
        return new IllegalStateException("The saved schema " + file.path() + " cannot be read: " + problem
                + ". Start-up stopped: without it the data of every table it lists would be orphaned."
                + " Restore the file from a backup or snapshot (or remove the whole workdir to start an empty node).", cause);
    }
}
