package org.charybdis.server.view;

import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The materialized views of one shard as its writes need them: for each base table, how its views see its rows, kept
 * in line with the schema. Owned by the shard's thread.
 */
public final class ShardViews {
    private Map<UUID, List<ViewRow>> byBase = Map.of();

    /** Makes the views match the schema; runs on the shard after its tables were brought in line. */
    void sync(Schema next) {
        Map<UUID, List<ViewRow>> views = new HashMap<>();
        for (KeyspaceMetadata ks : next.keyspaces().values()) {
            for (TableMetadata table : ks.tables().values()) {
                if (!table.isView()) continue;
                TableMetadata base = ks.table(table.view().baseTableName());
                if (base == null || !base.id().equals(table.view().baseTableId())) continue;
                views.computeIfAbsent(base.id(), id -> new ArrayList<>()).add(new ViewRow(base, table));
            }
        }
        byBase = views;
    }

    /** The views of a base table, empty when it has none. */
    List<ViewRow> of(UUID baseTableId) {
        return byBase.getOrDefault(baseTableId, List.of());
    }

    /** The view with this id, or null. */
    ViewRow view(UUID viewId) {
        for (List<ViewRow> views : byBase.values()) for (ViewRow view : views) if (view.view().id().equals(viewId)) return view;
        return null;
    }
}
