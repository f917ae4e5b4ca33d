package org.charybdis.cql.syntax;

import java.util.List;
import java.util.Map;

/**
 * The WITH clause of CREATE/ALTER TABLE and materialized views: {@code k = v} properties (constants
 * and maps; a bare word is a STRING literal), CLUSTERING ORDER BY, and COMPACT STORAGE.
 */
public record TableOptions(Map<String, Term> properties, List<ClusteringOrder> clusteringOrder, boolean compactStorage) {
    public static final TableOptions EMPTY = new TableOptions(Map.of(), List.of(), false);

    public TableOptions {
        properties = OrderedMaps.copyOf(properties);
        clusteringOrder = List.copyOf(clusteringOrder);
    }
}
