package org.charybdis.tools.stress;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Sending through a stream the way both load loops need it. */
final class Requests {
    private Requests() {}

    /** Sends the stream's next request; an exception thrown while sending becomes a failed request. Null: none left. */
    static CompletionStage<Integer> send(RequestStream stream) {
        try {
            return stream.send();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
