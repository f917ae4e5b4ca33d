package org.charybdis.server.api;

import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.replica.Database;
import org.charybdis.storage.engine.ShardStorage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * How admin routes run an operation on the node: on every shard in the {@code maintenance} scheduling group, the
 * shards' answers (and failures) delivered on the operator loop, where they are summed and rendered.
 */
final class ShardOperations {
    private final Database database;
    private final Executor answerOn;

    /** @param answerOn the operator event loop */
    ShardOperations(Database database, Executor answerOn) {
        this.database = database;
        this.answerOn = answerOn;
    }

    /** Each shard's answer, in shard order, once every shard is done. */
    <T> CompletableFuture<List<T>> onEveryShard(Function<ShardStorage, ? extends CompletionStage<T>> work) {
        return offShards(database.onAllShardsAsync(ShardRuntime.MAINTENANCE, work));
    }

    /** The same outcome, delivered on the operator loop: the shard that finished last must not sum or render. */
    <T> CompletableFuture<T> offShards(CompletableFuture<T> fromShards) {
        return fromShards.whenCompleteAsync((value, failure) -> {}, answerOn);
    }
}
