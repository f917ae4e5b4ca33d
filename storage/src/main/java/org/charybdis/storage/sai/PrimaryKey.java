package org.charybdis.storage.sai;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.Comparator;

/** The row an index posting points to: its partition and clustering. */
public record PrimaryKey(DecoratedKey partition, Clustering clustering) {
    /** Token order, then clustering order: the order a table scan returns rows in. */
    public static Comparator<PrimaryKey> order(ClusteringComparator clusterings) {
        return Comparator.comparing(PrimaryKey::partition).thenComparing(PrimaryKey::clustering, clusterings);
    }
}
