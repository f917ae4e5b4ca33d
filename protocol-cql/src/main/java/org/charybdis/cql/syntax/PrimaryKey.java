package org.charybdis.cql.syntax;

import java.util.List;

/** A primary key: partition key columns, then clustering columns. */
public record PrimaryKey(List<ColumnIdentifier> partitionKey, List<ColumnIdentifier> clusteringColumns) {
    public PrimaryKey {
        partitionKey = List.copyOf(partitionKey);
        clusteringColumns = List.copyOf(clusteringColumns);
    }
}
