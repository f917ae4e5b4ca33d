package org.charybdis.storage.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a shard gets the {@link ForwardedUpdate}s it logged to the shards owning them (the server's view writes know the
 * owners; storage does not). Until they are fsynced there, the commitlog entry they came from is kept.
 */
@FunctionalInterface
public interface ForwardSender {
    /** Nothing to send to: a storage whose writes never forward (tools, tests without views). */
    ForwardSender NONE = updates -> {
        CompletableFuture<Void> refused = CompletableFuture.failedFuture(
                new IllegalStateException("this storage cannot send " + updates.size() + " forwarded updates: it has no sender"));
        return new Sent(refused, refused);
    };

    /**
     * Where sent updates stand; both futures complete on the shard that sent them.
     *
     * @param durable once they are as durable on their owners as the owners' sync mode promises: the write may be acknowledged
     * @param synced  once they are fsynced there: the entry they came from may go (in batch mode, together with {@code durable})
     */
    record Sent(CompletableFuture<Void> durable, CompletableFuture<Void> synced) { }

    /** Applies the updates on their owning shards. Updates of tables their owner no longer has are skipped. */
    Sent send(List<ForwardedUpdate> updates);
}
