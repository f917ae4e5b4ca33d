package org.charybdis.scheduler;

/** A queued task that has someone waiting on it, told when the shard drops it at shutdown. */
interface RejectableTask extends Runnable {
    void reject(Throwable cause);
}
