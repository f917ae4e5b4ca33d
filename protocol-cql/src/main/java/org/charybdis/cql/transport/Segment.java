package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;

/**
 * One decoded v5 segment's (uncompressed) payload. Self-contained: one or more whole envelopes.
 * Otherwise: a slice of one large envelope, to be joined with the segments that follow.
 */
public final class Segment extends AbstractReferenceCounted {
    private final ByteBuf payload;
    private final boolean selfContained;

    public Segment(ByteBuf payload, boolean selfContained) {
        this.payload = payload;
        this.selfContained = selfContained;
    }

    public ByteBuf payload() { return payload; }
    public boolean isSelfContained() { return selfContained; }

    @Override
    protected void deallocate() {
        payload.release();
    }

    @Override
    public Segment touch(Object hint) {
        payload.touch(hint);
        return this;
    }
}
