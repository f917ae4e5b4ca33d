package org.charybdis.storage.vector;

import org.apache.lucene.index.VectorSimilarityFunction;
import org.charybdis.storage.data.Cell;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * A vector index of one {@code vector<float, n>} column: the engine keeps, beside each memtable, that column's
 * vectors (searched by brute force) and, beside each SSTable, an HNSW graph of them in its Vector.db.
 *
 * @param id        the index's id, naming its graph in every SSTable's Vector.db
 * @param column    the id of the indexed column
 * @param dimension the vectors' dimension
 * @param function  Lucene's similarity the graph is built and searched with
 * @param scorer    the score a query orders by (the caller's, so that candidates score exactly as its results do)
 */
public record VectorIndex(UUID id, int column, int dimension, VectorSimilarityFunction function, Scorer scorer) {
    /**
     * Nodes a search of one SSTable's graph collects when the query asks for fewer: a beam wider than k is what
     * makes HNSW's recall high (the {@code vector_search_beam_width} setting; ScyllaDB's {@code search_beam_width}).
     */
    public static final int DEFAULT_SEARCH_BEAM_WIDTH = 100;

    /** Higher is more similar. */
    @FunctionalInterface
    public interface Scorer {
        float score(float[] target, float[] vector);
    }

    /** The vector a cell adds: null when it is not of this column, is a tombstone, or is a zero vector under cosine. */
    float[] vectorOf(Cell cell) {
        if (cell.column() != column || cell.isTombstone()) return null;
        float[] vector = floats(cell.value());
        if (vector.length != dimension) return null;
        return function == VectorSimilarityFunction.COSINE && isZero(vector) ? null : vector;
    }

    /** A serialized {@code vector<float, n>}: n big-endian floats. */
    public static float[] floats(ByteBuffer value) {
        float[] out = new float[value.remaining() / Float.BYTES];
        for (int i = 0; i < out.length; i++) out[i] = value.getFloat(value.position() + i * Float.BYTES);
        return out;
    }

    /** True when every element is zero: such a vector has no direction, hence no cosine similarity. */
    public static boolean isZero(float[] vector) {
        for (float f : vector) if (f != 0) return false;
        return true;
    }
}
