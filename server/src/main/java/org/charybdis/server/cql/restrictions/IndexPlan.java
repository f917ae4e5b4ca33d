package org.charybdis.server.cql.restrictions;

import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.schema.IndexMetadata;

import java.util.List;

/**
 * How a WHERE clause uses secondary indexes: whether any relation is served by one (then ALLOW FILTERING is
 * not needed for it, and ORDER BY is refused), and the index lookup that drives the read when the partition key
 * is not restricted (null when only SAI range relations are served: those are answered by a filtered scan).
 *
 * @param rowIndex true when a served relation is on a regular or clustering column (DISTINCT is then refused)
 * @param attached the relations storage-attached indexes answer from their terms (they drive the read when present)
 */
public record IndexPlan(boolean usesIndex, boolean rowIndex, IndexMetadata lookupIndex, BoundValue lookup, List<AttachedPredicate> attached) {
    static final IndexPlan NONE = new IndexPlan(false, false, null, null, List.of());
}
