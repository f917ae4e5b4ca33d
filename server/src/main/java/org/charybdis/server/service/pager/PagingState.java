package org.charybdis.server.service.pager;

import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.storage.data.Clustering;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Where a paged SELECT stopped: the last partition returned, the last row in it (null once that
 * partition is finished), and the LIMIT and PER PARTITION LIMIT left. Opaque to clients; encoded with
 * a magic and a version so a foreign or damaged state is refused rather than misread.
 */
public record PagingState(ByteBuffer partitionKey, Clustering lastClustering, int remaining, int remainingInPartition) {
    private static final byte MAGIC = (byte) 0xCB;
    private static final byte VERSION = 1;
    private static final byte PARTITION_DONE = 1;

    public boolean partitionDone() {
        return lastClustering == null;
    }

    public ByteBuffer encode() {
        int size = 2 + 4 + partitionKey.remaining() + 1 + 2 + 4 + 4;
        if (lastClustering != null) for (int i = 0; i < lastClustering.size(); i++) size += 4 + lastClustering.get(i).remaining();
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(MAGIC).put(VERSION);
        out.putInt(partitionKey.remaining()).put(partitionKey.duplicate());
        out.put(lastClustering == null ? PARTITION_DONE : 0);
        int components = lastClustering == null ? 0 : lastClustering.size();
        out.putShort((short) components);
        for (int i = 0; i < components; i++) {
            ByteBuffer c = lastClustering.get(i);
            out.putInt(c.remaining()).put(c.duplicate());
        }
        out.putInt(remaining).putInt(remainingInPartition);
        return out.flip();
    }

    /** Decodes a state from {@link #encode}; anything else is a protocol error, as in Cassandra. */
    public static PagingState decode(ByteBuffer bytes) {
        try {
            ByteBuffer in = bytes.duplicate();
            if (in.get() != MAGIC || in.get() != VERSION) throw invalid();
            ByteBuffer key = bytes(in);
            byte flags = in.get();
            if ((flags & ~PARTITION_DONE) != 0) throw invalid();
            int components = in.getShort();
            if (components < 0 || (flags == PARTITION_DONE && components != 0)) throw invalid();
            ByteBuffer[] values = new ByteBuffer[components];
            for (int i = 0; i < components; i++) values[i] = bytes(in);
            int remaining = in.getInt();
            int remainingInPartition = in.getInt();
            if (in.hasRemaining() || remaining <= 0 || remainingInPartition < 0) throw invalid();
            return new PagingState(key, flags == PARTITION_DONE ? null : Clustering.of(values), remaining, remainingInPartition);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ByteBuffer bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) throw invalid();
        ByteBuffer value = ByteBuffer.allocate(length).put(in.slice(in.position(), length)).flip();
        in.position(in.position() + length);
        return value;
    }

    private static ProtocolException invalid() {
        return new ProtocolException("Invalid value for the paging state");
    }
}
