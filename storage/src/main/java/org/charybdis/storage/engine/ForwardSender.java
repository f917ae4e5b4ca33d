package org.charybdis.storage.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a shard gets the {@link ForwardedUpdate}s it logged to the shards owning them (the server's view writes know the
 * owners; storage does not). Until the returned future completes, the commitlog entry they came from is kept.
 */
@FunctionalInterface
public interface ForwardSender {
    /** Nothing to send to: a storage whose writes never forward (tools, tests without views). */
    ForwardSender NONE = updates -> CompletableFuture.failedFuture(
            new IllegalStateException("this storage cannot send " + updates.size() + " forwarded updates: it has no sender"));

    /**
     * Applies the updates on their owning shards; completes, on the calling shard, once they are durable there (logged
     * as the owner's sync mode promises). Updates of tables their owner no longer has are skipped.
     */
    CompletableFuture<Void> send(List<ForwardedUpdate> updates);
}
