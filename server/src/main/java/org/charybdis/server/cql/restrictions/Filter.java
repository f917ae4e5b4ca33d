package org.charybdis.server.cql.restrictions;

import org.charybdis.server.service.pager.RowFilter;

/** A restriction checked on each row read (ALLOW FILTERING), with its values bound for one execution. */
public sealed interface Filter extends RowFilter permits AnalyzedFilter, ColumnFilter, ContainsFilter, MapEntryFilter, TupleSliceFilter, TupleInFilter {
}
