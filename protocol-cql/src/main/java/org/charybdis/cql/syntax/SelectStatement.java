package org.charybdis.cql.syntax;

import java.util.List;

/**
 * {@code SELECT [JSON] [DISTINCT] selection FROM table [WHERE ..] [GROUP BY ..] [ORDER BY ..]
 * [PER PARTITION LIMIT n] [LIMIT n] [ALLOW FILTERING] [USING TIMEOUT d]}. An empty selection means {@code *};
 * limits and the timeout are null when absent.
 */
public record SelectStatement(
        QualifiedName table,
        boolean json,
        boolean distinct,
        List<Selection> selection,
        List<Relation> where,
        List<Selector> groupBy,
        List<Ordering> orderings,
        Term perPartitionLimit,
        Term limit,
        boolean allowFiltering,
        Term timeout,
        List<Term.BindMarker> bindMarkers) implements Statement {

    public SelectStatement {
        selection = List.copyOf(selection);
        where = List.copyOf(where);
        groupBy = List.copyOf(groupBy);
        orderings = List.copyOf(orderings);
        bindMarkers = List.copyOf(bindMarkers);
    }

    public boolean isWildcard() {
        return selection.isEmpty();
    }
}
