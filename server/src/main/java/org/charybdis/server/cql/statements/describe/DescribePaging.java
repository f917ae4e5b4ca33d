package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.server.cql.ExecutionContext;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Pages a DESCRIBE result as Cassandra does: the paging state holds the offset of the next row and the
 * schema version it was computed from; resuming after a schema change is refused, since the rows
 * would no longer line up. A full page always carries a state, so the last page may be empty.
 */
final class DescribePaging {
    static final String SCHEMA_CHANGED = "The schema has changed since the previous page of the DESCRIBE statement result. "
            + "Please retry the DESCRIBE statement.";
    private static final byte MAGIC = (byte) 0xDE;
    private static final byte VERSION = 1;
    private static final int STATE_SIZE = 2 + 16 + 8;

    private DescribePaging() {}

    /** The page of {@code total} rows the client asked for; {@code row} builds only the rows of that page. */
    static RowsResult page(int total, IntFunction<ByteBuffer[]> row, ResultMetadata metadata, UUID schemaVersion,
                           ExecutionContext context) {
        long offset = offset(context.options().pagingState(), schemaVersion);
        int pageSize = context.pageSize();
        long end = pageSize > 0 ? Math.min(total, offset + pageSize) : total;
        List<ByteBuffer[]> rows = new ArrayList<>((int) Math.max(0, end - offset));
        for (long i = offset; i < end; i++) rows.add(row.apply((int) i));
        ResultMetadata result = metadata;
        if (pageSize > 0 && rows.size() == pageSize) result = result.withPagingState(state(schemaVersion, offset + pageSize));
        if (context.options().skipMetadata()) result = result.withoutColumns();
        return new RowsResult(result, rows);
    }

    static ByteBuffer state(UUID schemaVersion, long nextOffset) {
        return ByteBuffer.allocate(STATE_SIZE).put(MAGIC).put(VERSION)
                .putLong(schemaVersion.getMostSignificantBits()).putLong(schemaVersion.getLeastSignificantBits())
                .putLong(nextOffset).flip();
    }

    static long offset(ByteBuffer state, UUID schemaVersion) {
        if (state == null) return 0;
        ByteBuffer in = state.duplicate();
        try {
            if (in.remaining() != STATE_SIZE || in.get() != MAGIC || in.get() != VERSION) {
                throw new InvalidRequestException("Incompatible paging state");
            }
            UUID version = new UUID(in.getLong(), in.getLong());
            if (!version.equals(schemaVersion)) throw new InvalidRequestException(SCHEMA_CHANGED);
            long offset = in.getLong();
            if (offset < 0) throw new InvalidRequestException("Invalid paging state.");
            return offset;
        } catch (BufferUnderflowException e) {
            throw new InvalidRequestException("Invalid paging state.");
        }
    }
}
