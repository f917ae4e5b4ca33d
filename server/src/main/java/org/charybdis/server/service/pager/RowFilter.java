package org.charybdis.server.service.pager;

import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;

/** A restriction a read checks on each row on the owning shard (ALLOW FILTERING), its values bound for one execution. */
public interface RowFilter {
    /** True when the row (null for a partition's static-only row) satisfies the restriction. */
    boolean test(ByteBuffer[] keyComponents, Row staticRow, Row row);
}
