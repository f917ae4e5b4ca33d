package org.charybdis.cql.messages;

import java.nio.ByteBuffer;
import java.util.List;

/** One BATCH entry: either a query string or a prepared statement id (the other is null), with its values. */
public record BatchStatement(String query, byte[] preparedId, List<ByteBuffer> values) {
    public BatchStatement {
        if ((query == null) == (preparedId == null)) {
            throw new IllegalArgumentException("a batch entry has exactly one of query and preparedId");
        }
    }

    public static BatchStatement ofQuery(String query, List<ByteBuffer> values) {
        return new BatchStatement(query, null, values);
    }

    public static BatchStatement ofPrepared(byte[] preparedId, List<ByteBuffer> values) {
        return new BatchStatement(null, preparedId, values);
    }

    public boolean isPrepared() {
        return preparedId != null;
    }
}
