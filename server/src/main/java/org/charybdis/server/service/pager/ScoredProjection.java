package org.charybdis.server.service.pager;

import org.charybdis.server.index.vector.VectorSimilarity;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The selection of an ANN query, followed by the row's score against the query vector (a float, or null for a row
 * without a vector): the owning shard scores its rows, so the coordinator only ranks them.
 */
public record ScoredProjection(RowProjection selection, ColumnMetadata column, VectorSimilarity similarity, float[] target)
        implements RowProjection {

    @Override
    public ByteBuffer[] values(DecoratedKey key, ByteBuffer[] keyComponents, Row staticRow, Row row, long nowInSeconds) {
        ByteBuffer[] values = selection.values(key, keyComponents, staticRow, row, nowInSeconds);
        if (values == null) return null;
        ByteBuffer[] scored = Arrays.copyOf(values, values.length + 1);
        Row holder = column.isStatic() ? staticRow : row;
        Cell vector = holder == null ? null : holder.simpleCell(column.id());
        if (vector != null) scored[values.length] = ByteBuffer.allocate(Float.BYTES).putFloat(0, similarity.score(target, VectorSimilarity.floats(vector.value())));
        return scored;
    }

    /** The score a row of {@link #values} carries last, or NaN when it has no vector. */
    public static float score(ByteBuffer[] scoredRow) {
        ByteBuffer score = scoredRow[scoredRow.length - 1];
        return score == null ? Float.NaN : score.getFloat(score.position());
    }
}
