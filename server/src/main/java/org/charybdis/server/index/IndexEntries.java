package org.charybdis.server.index;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.LivenessInfo;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The entries one base mutation (or one built partition) adds to one index: one update per indexed value. */
final class IndexEntries {
    private final Map<ByteBuffer, PartitionUpdate.Builder> byValue = new LinkedHashMap<>();

    void add(ByteBuffer value, Clustering entry, LivenessInfo liveness) {
        PartitionUpdate.Builder builder = byValue.computeIfAbsent(value, v -> PartitionUpdate.builder(IndexedColumn.entryKey(v)));
        builder.row(entry).liveness(liveness);
    }

    boolean isEmpty() {
        return byValue.isEmpty();
    }

    List<PartitionUpdate> updates() {
        List<PartitionUpdate> updates = new ArrayList<>(byValue.size());
        for (PartitionUpdate.Builder builder : byValue.values()) updates.add(builder.build());
        return updates;
    }

    /** The update marking a finished build. */
    static PartitionUpdate builtMarker(long timestampMicros, long nowInSeconds) {
        PartitionUpdate.Builder builder = PartitionUpdate.builder(DecoratedKey.of(IndexedColumn.BUILT_KEY));
        builder.staticRow().cell(IndexedColumn.BUILT_COLUMN, ByteBuffer.allocate(0), timestampMicros, 0, nowInSeconds);
        return builder.build();
    }
}
