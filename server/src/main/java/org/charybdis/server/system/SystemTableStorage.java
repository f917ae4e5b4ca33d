package org.charybdis.server.system;

import org.charybdis.cql.types.NativeType;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Reads and writes the stored tables of one system keyspace ({@code system_auth}, the stored tables of
 * {@code system}) straight through the storage API, on the shard that owns each partition. The key helpers are for
 * tables with a single text partition key. Futures complete on the calling shard.
 */
public final class SystemTableStorage {
    /** A row with the (serialized) partition key it belongs to. */
    public record KeyedRow(ByteBuffer key, Row row) {
        /** The partition key of a table keyed by text. */
        public String partitionKey() {
            return text(key);
        }
    }

    private final Database database;
    private final Supplier<Schema> schema;
    private final String keyspace;

    public SystemTableStorage(Database database, Supplier<Schema> schema, String keyspace) {
        this.database = database;
        this.schema = schema;
        this.keyspace = keyspace;
    }

    public TableMetadata table(String name) {
        TableMetadata table = schema.get().table(keyspace, name);
        if (table == null) throw new IllegalStateException(keyspace + "." + name + " is missing from the schema");
        return table;
    }

    public int columnId(TableMetadata table, String column) {
        ColumnMetadata c = table.column(column);
        if (c == null) throw new IllegalStateException(table + " has no column " + column);
        return c.id();
    }

    public static DecoratedKey key(String partitionKey) {
        return DecoratedKey.of(text(partitionKey));
    }

    public static ByteBuffer text(String value) {
        return NativeType.TEXT.serialize(value);
    }

    public static String text(ByteBuffer value) {
        return value == null ? null : (String) NativeType.TEXT.deserialize(value.duplicate());
    }

    public static ByteBuffer bool(boolean value) {
        return ByteBuffer.wrap(new byte[] {(byte) (value ? 1 : 0)});
    }

    public static boolean bool(Cell cell) {
        return cell != null && cell.value().remaining() > 0 && cell.value().get(cell.value().position()) != 0;
    }

    /** The live rows of one partition, in clustering order (empty if none). */
    public CompletableFuture<List<Row>> readPartition(TableMetadata table, String partitionKey) {
        DecoratedKey key = key(partitionKey);
        long now = nowInSeconds();
        return database.onOwnerAsync(key, storage ->
                engine(storage.table(table.id()), table).read(key, ReadFilter.ALL, now).thenApply(view -> {
                    List<Row> rows = new ArrayList<>();
                    if (view != null) view.rows().forEachRemaining(rows::add);
                    return rows;
                }));
    }

    /** Every live row of the table, from every shard (the auth tables are small). */
    public CompletableFuture<List<KeyedRow>> scan(TableMetadata table) {
        long now = nowInSeconds();
        return database.onAllShardsAsync(storage -> {
            List<KeyedRow> rows = new ArrayList<>();
            return engine(storage.table(table.id()), table).scan(TokenRange.FULL_RING, ReadFilter.ALL, now).forEachRemaining(partition -> {
                ByteBuffer pk = partition.key().key();
                partition.rows().forEachRemaining(row -> rows.add(new KeyedRow(pk, row)));
            }).thenApply(ignored -> rows);
        }).thenApply(perShard -> {
            List<KeyedRow> all = new ArrayList<>();
            for (List<KeyedRow> part : perShard) all.addAll(part);
            return all;
        });
    }

    public CompletableFuture<Void> apply(TableMetadata table, PartitionUpdate update) {
        return database.onOwnerAsync(update.key(),
                storage -> storage.write(List.of(engine(storage.table(table.id()), table)), List.of(update)));
    }

    /** Applies updates to several partitions; completes when all are applied. */
    public CompletableFuture<Void> applyAll(TableMetadata table, List<PartitionUpdate> updates) {
        CompletableFuture<?>[] parts = new CompletableFuture<?>[updates.size()];
        for (int i = 0; i < parts.length; i++) parts[i] = apply(table, updates.get(i));
        return CompletableFuture.allOf(parts);
    }

    public static long nowInSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static TableEngine engine(TableEngine engine, TableMetadata table) {
        if (engine == null) throw new IllegalStateException("No storage for " + table);
        return engine;
    }
}
