package org.charybdis.server.cql.statements.select.restrictions;

import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;

/** A restriction checked on each row read (ALLOW FILTERING), with its values bound for one execution. */
public sealed interface Filter permits ColumnFilter, ContainsFilter, MapEntryFilter, TupleSliceFilter, TupleInFilter {
    /** True when the row (null for a partition's static-only row) satisfies the restriction. */
    boolean test(ByteBuffer[] keyComponents, Row staticRow, Row row);
}
