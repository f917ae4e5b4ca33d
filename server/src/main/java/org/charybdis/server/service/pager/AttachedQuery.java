package org.charybdis.server.service.pager;

import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.restrictions.AttachedPredicate;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.sai.TermRange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One relation a storage-attached index answers, with its execution's values: the index and the terms it asks for. */
public record AttachedQuery(IndexMetadata index, TermRange terms) {
    /** One query per index: the relations on the same index (a lower and an upper bound) as the terms inside all of them. */
    public static List<AttachedQuery> perIndex(List<AttachedPredicate> predicates, ExecutionContext context, TableMetadata table) {
        Map<UUID, AttachedQuery> byIndex = new LinkedHashMap<>();
        for (AttachedPredicate predicate : predicates) {
            AttachedQuery query = predicate.bind(context, table);
            byIndex.merge(query.index().id(), query, (a, b) -> new AttachedQuery(a.index(), a.terms().intersect(b.terms())));
        }
        return List.copyOf(byIndex.values());
    }
}
