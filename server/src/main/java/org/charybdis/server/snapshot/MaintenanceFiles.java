package org.charybdis.server.snapshot;

import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoTask;
import org.charybdis.server.replica.Database;

import java.util.concurrent.CompletableFuture;

/**
 * Blocking file work of snapshots and refreshes (walking, measuring, deleting, writing small files): it runs on an IO
 * thread through shard 0's IO queue in the maintenance class, so it never blocks a shard or the operator loop and
 * takes its turn with the node's other disk work.
 */
final class MaintenanceFiles {
    private MaintenanceFiles() {}

    static <T> CompletableFuture<T> run(Database database, IoTask<T> task) {
        return database.onShardAsync(0, ShardRuntime.MAINTENANCE, storage -> Shard.current().io().submit(IoClass.MAINTENANCE, 0, task));
    }
}
