package org.charybdis.scheduler;

import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * The thread of one shard. Knowing its shard makes {@link Shard#current()} a type check rather than a
 * ThreadLocal; being a FastThreadLocalThread gives it Netty's per-thread buffer caches.
 */
final class ReactorThread extends FastThreadLocalThread {
    final Shard shard;

    ReactorThread(Shard shard, Runnable reactor) {
        super(reactor, "shard-" + shard.id());
        this.shard = shard;
    }
}
