package org.charybdis.server.service.pager;

import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;

/** Turns a row into the values a query returns, on the owning shard, so that only those travel to the coordinator. */
public interface RowProjection {
    /** The result values of a row (null: a partition's static-only row). */
    ByteBuffer[] values(DecoratedKey key, ByteBuffer[] keyComponents, Row staticRow, Row row, long nowInSeconds);
}
