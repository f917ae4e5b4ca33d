package org.charybdis.storage.lsm;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the LSM engine keeps a table's files under the data directory, as Cassandra does with one directory more per
 * shard: {@code <keyspace>/<table>-<id>/} holds {@code shard-<n>/} (each shard's live SSTables), {@code snapshots/<tag>/}
 * (a {@code shard-<n>/} of hard links per shard, with {@code schema.cql} and {@code manifest.json}),
 * {@code backups/shard-<n>/} (incremental backups) and {@code upload/} (SSTables for a refresh to load). Only the
 * {@code shard-<n>} directories go with a DROP: snapshots and backups stay.
 */
public record DataDirectory(Path root) {
    public static final String SNAPSHOTS = "snapshots";
    public static final String BACKUPS = "backups";
    public static final String UPLOAD = "upload";
    private static final String SHARD_PREFIX = "shard-";

    /** {@code <keyspace>/<table>-<id without dashes>}: the id keeps a dropped table's files apart from a new one's. */
    public Path table(String keyspace, String table, UUID id) {
        return root.resolve(keyspace).resolve(table + "-" + id.toString().replace("-", ""));
    }

    /** A shard's live SSTables of the table. */
    public static Path shard(Path tableDirectory, int shard) {
        return tableDirectory.resolve(shardDirectoryName(shard));
    }

    public static String shardDirectoryName(int shard) {
        return SHARD_PREFIX + shard;
    }

    /** Whether a directory inside a table directory holds a shard's live SSTables. */
    public static boolean isShardDirectory(Path directory) {
        return directory.getFileName().toString().matches(SHARD_PREFIX + "[0-9]+");
    }

    /** The snapshot of the table under this tag. */
    public static Path snapshot(Path tableDirectory, String tag) {
        return tableDirectory.resolve(SNAPSHOTS).resolve(tag);
    }

    /** Where the table's incremental backups from this shard go. */
    public static Path backups(Path tableDirectory, int shard) {
        return shard(tableDirectory.resolve(BACKUPS), shard);
    }

    /** Where a user puts SSTables for a refresh to load into the table. */
    public static Path upload(Path tableDirectory) {
        return tableDirectory.resolve(UPLOAD);
    }

    /** The table name in a table directory's name ({@code users-0f3c...} gives {@code users}), or null if it is none. */
    public static String tableName(Path tableDirectory) {
        String name = tableDirectory.getFileName().toString();
        int dash = name.lastIndexOf('-');
        return dash > 0 && name.length() - dash - 1 == 32 ? name.substring(0, dash) : null;
    }
}
