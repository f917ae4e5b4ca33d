package org.charybdis.storage.engine;

/**
 * What {@code nodetool tablehistograms} shows of one table: local read and write latencies (microseconds), SSTables
 * touched per read, and the partitions' sizes (bytes) and cell counts as the SSTables record them. A copy, taken on
 * the owning shard; copies of several shards add up with {@link #plus}.
 */
public record TableHistograms(EstimatedHistogram readLatencyMicros, EstimatedHistogram writeLatencyMicros,
                              EstimatedHistogram sstablesPerRead, EstimatedHistogram partitionSizeBytes,
                              EstimatedHistogram cellsPerPartition) {

    public static TableHistograms empty() {
        return new TableHistograms(new EstimatedHistogram(), new EstimatedHistogram(), new EstimatedHistogram(),
                new EstimatedHistogram(), new EstimatedHistogram());
    }

    /** Both tables' (or shards') values together, in new histograms. */
    public TableHistograms plus(TableHistograms o) {
        return new TableHistograms(readLatencyMicros.copy().merge(o.readLatencyMicros), writeLatencyMicros.copy().merge(o.writeLatencyMicros),
                sstablesPerRead.copy().merge(o.sstablesPerRead), partitionSizeBytes.copy().merge(o.partitionSizeBytes),
                cellsPerPartition.copy().merge(o.cellsPerPartition));
    }
}
