package org.charybdis.tools.stress;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/** Reads and writes drawn at random in the ratio of their weights. Stateless: one instance serves every slot. */
final class MixedRequests implements RequestStream, RequestSource {
    private final RequestStream reads;
    private final RequestStream writes;
    private final int readWeight;
    private final int totalWeight;

    MixedRequests(RequestStream reads, int readWeight, RequestStream writes, int writeWeight) {
        this.reads = reads;
        this.writes = writes;
        this.readWeight = readWeight;
        this.totalWeight = readWeight + writeWeight;
    }

    @Override
    public CompletionStage<Integer> send() {
        return ThreadLocalRandom.current().nextInt(totalWeight) < readWeight ? reads.send() : writes.send();
    }

    @Override
    public RequestStream newStream() {
        return this;
    }

    @Override
    public boolean shareable() {
        return true;
    }
}
