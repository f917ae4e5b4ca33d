package org.charybdis.scheduler;

/** The thread of one shard; knowing its shard makes {@link Shard#current()} a type check, not a ThreadLocal. */
final class ReactorThread extends Thread {
    final Shard shard;

    ReactorThread(Shard shard, Runnable reactor) {
        super(reactor, "shard-" + shard.id());
        this.shard = shard;
    }
}
