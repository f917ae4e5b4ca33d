package org.charybdis.scheduler;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ManualIoEventLoop;

import java.util.function.BooleanSupplier;

/**
 * A shard's Netty loop, driven by its reactor. The IO handler asks {@link #canBlock()} again right before it
 * parks, after arming its wakeup, so a task handed off just before the park is never left waiting.
 */
final class ShardEventLoop extends ManualIoEventLoop {
    private final BooleanSupplier hasPendingWork;

    ShardEventLoop(IoEventLoopGroup parent, Thread owner, IoHandlerFactory factory, BooleanSupplier hasPendingWork) {
        super(parent, owner, factory);
        this.hasPendingWork = hasPendingWork;
    }

    @Override
    protected boolean canBlock() {
        return !hasPendingWork.getAsBoolean();
    }
}
