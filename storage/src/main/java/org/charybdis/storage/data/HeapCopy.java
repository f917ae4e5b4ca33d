package org.charybdis.storage.data;

import java.nio.ByteBuffer;

/**
 * Copies of a write's buffers that an index keeps beside a memtable: a write's buffers belong to the request (pooled,
 * reused), the copy to the index.
 */
public final class HeapCopy {
    private HeapCopy() {}

    public static ByteBuffer of(ByteBuffer value) {
        ByteBuffer copy = ByteBuffer.allocate(value.remaining());
        copy.put(value.duplicate()).flip();
        return copy;
    }

    public static Clustering of(Clustering clustering) {
        ByteBuffer[] components = new ByteBuffer[clustering.size()];
        for (int i = 0; i < components.length; i++) components[i] = of(clustering.get(i));
        return Clustering.of(components);
    }
}
