package org.charybdis.storage.commitlog;

import java.nio.ByteBuffer;

/** Receives the replayed entries of a shard's commit log, oldest first. */
@FunctionalInterface
public interface ReplayHandler {
    /**
     * One entry: its position (the end of the entry, as {@link CommitLog#add} returned it) and its payload, a
     * read-only buffer valid only during this call.
     */
    void replay(long position, ByteBuffer payload);
}
