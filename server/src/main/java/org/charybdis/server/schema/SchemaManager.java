package org.charybdis.server.schema;

import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.replica.Database;
import org.charybdis.server.transport.EventNotifier;
import org.charybdis.storage.engine.ShardStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Owner of the schema. Changes run one at a time on shard 0: the change computes the next snapshot
 * from the current one, the snapshot is saved durably, every shard's storage is brought in line
 * (tables created, altered, dropped), and only then is the snapshot published, the SCHEMA_CHANGE event
 * sent and the client answered.
 * <p>
 * Saving comes before the storage changes because the saved schema is what a restart rebuilds storage
 * from: a crash after the save but before the storage caught up restarts into the new schema, whose tables
 * are then created afresh (a created table has no data yet) or whose dropped tables' files are left for
 * start-up to remove. The other order could lose a dropped table's data while a restart brings the table
 * back. A failed save fails the change and leaves schema and storage untouched.
 */
public final class SchemaManager {
    /** The outcome of a change: the next schema and its event, or no event when nothing changed (IF NOT EXISTS). */
    public record SchemaUpdate(Schema next, SchemaChange event) {
        public static SchemaUpdate unchanged(Schema current) {
            return new SchemaUpdate(current, null);
        }
    }

    private static final int OWNER_SHARD = 0;

    private final Database database;
    private final EventNotifier events;
    private final SchedulingGroup group;
    private final Persistence persistence;
    private final List<SchemaListener> listeners = new ArrayList<>();
    private volatile DropListener dropListener = (current, dropped) -> CompletableFuture.completedFuture(null);
    private volatile Schema current;
    /** The last change accepted; the next one starts when it ends. Touched only on shard 0. */
    private CompletableFuture<SchemaChange> lastChange = CompletableFuture.completedFuture(null);

    /** Told about every published schema (prepared-statement caches, system tables, ...). */
    public interface SchemaListener {
        void schemaChanged(Schema previous, Schema next);
    }

    /**
     * Told before a change that drops tables is saved, on shard 0, with the schema that still has them (auto_snapshot);
     * the change waits for it, and fails if it fails.
     */
    @FunctionalInterface
    public interface DropListener {
        CompletionStage<Void> beforeDrop(Schema current, List<TableMetadata> dropped);
    }

    /** Makes a schema durable before it is published; the stage completes on the calling shard. */
    @FunctionalInterface
    public interface Persistence {
        /** Keeps nothing: the schema lives as long as the process (tests, tools). */
        Persistence IN_MEMORY = schema -> CompletableFuture.completedFuture(null);

        CompletionStage<Void> save(Schema schema);
    }

    /** A schema kept in memory only. */
    public SchemaManager(Database database, EventNotifier events, Schema initial) {
        this(database, events, initial, Persistence.IN_MEMORY);
    }

    /** {@code initial} is the schema to start with (already saved, or built in); its tables' storage is created here. */
    public SchemaManager(Database database, EventNotifier events, Schema initial, Persistence persistence) {
        this.database = database;
        this.events = events;
        this.persistence = persistence;
        this.group = database.runtime().group(ShardRuntime.STATEMENT);
        this.current = initial;
        syncStorage(Schema.empty(), initial);
    }

    public Schema current() {
        return current;
    }

    public void addListener(SchemaListener listener) {
        listeners.add(listener);
    }

    /** Sets who is told before tables are dropped (set before clients connect). */
    public void beforeDrop(DropListener listener) {
        this.dropListener = listener;
    }

    /**
     * Applies a change; the stage completes (on the caller's shard) with the event, or null when the
     * change was a no-op. Errors thrown by the change (already exists, unknown keyspace, ...) fail it.
     */
    public CompletionStage<SchemaChange> apply(Function<Schema, SchemaUpdate> change) {
        Shard caller = Shard.current();
        CompletableFuture<SchemaChange> result;
        if (caller == null) {
            result = new CompletableFuture<>();
            database.runtime().shard(OWNER_SHARD).execute(group, () -> applyOnOwner(change).whenComplete((c, e) -> {
                if (e != null) result.completeExceptionally(e); else result.complete(c);
            }));
            return result;
        }
        return caller.submitToAsync(OWNER_SHARD, group, () -> applyOnOwner(change));
    }

    /** Queues the change behind the one in progress, so each change starts from the schema the last one published. */
    private CompletionStage<SchemaChange> applyOnOwner(Function<Schema, SchemaUpdate> change) {
        CompletableFuture<SchemaChange> result = lastChange.handle((ignored, failure) -> null)
                .thenCompose(ignored -> applyNow(change));
        lastChange = result;
        return result;
    }

    private CompletionStage<SchemaChange> applyNow(Function<Schema, SchemaUpdate> change) {
        Schema previous = current;
        SchemaUpdate update = change.apply(previous);
        if (update.event() == null) return CompletableFuture.completedFuture(null);
        Schema next = update.next();
        List<TableMetadata> dropped = droppedTables(previous, next);
        CompletionStage<Void> ready = dropped.isEmpty() ? CompletableFuture.completedFuture(null) : dropListener.beforeDrop(previous, dropped);
        return ready.thenCompose(ignored -> persistence.save(next)).thenCompose(saved -> database.onAllShards(storage -> {
            syncShard(storage, previous, next);
            return null;
        })).thenCompose(ignored -> database.views().startBuilds()).thenApply(ignored -> {
            current = next;
            for (SchemaListener listener : listeners) listener.schemaChanged(previous, next);
            events.publish(update.event());
            return update.event();
        });
    }

    private void syncStorage(Schema previous, Schema next) {
        // start-up: no shard is serving yet, so each shard's storage is set up from here
        database.onAllShards(storage -> {
            syncShard(storage, previous, next);
            return null;
        }).join();
    }

    /** Makes one shard's tables and index tables match the next schema. Runs on that shard. */
    private void syncShard(ShardStorage storage, Schema previous, Schema next) {
        for (KeyspaceMetadata ks : next.keyspaces().values()) {
            for (TableMetadata table : ks.tables().values()) {
                TableMetadata before = previous.table(ks.name(), table.name());
                if (before == null || !before.id().equals(table.id())) {
                    storage.createTable(TableLayouts.of(table));
                } else if (before != table) {
                    storage.updateLayout(TableLayouts.of(table));
                }
            }
        }
        for (TableMetadata table : droppedTables(previous, next)) storage.dropTable(table.id());
        database.indexes().shard(storage.shardId()).sync(storage, next);
        database.views().sync(storage, previous, next);
    }

    /** The tables of {@code previous} that {@code next} no longer has (a table recreated under its name is another one). */
    private static List<TableMetadata> droppedTables(Schema previous, Schema next) {
        List<TableMetadata> dropped = new ArrayList<>();
        for (KeyspaceMetadata ks : previous.keyspaces().values()) {
            for (TableMetadata table : ks.tables().values()) {
                TableMetadata after = next.table(ks.name(), table.name());
                if (after == null || !after.id().equals(table.id())) dropped.add(table);
            }
        }
        return dropped;
    }
}
