package org.charybdis.server.index.vector;

import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One vector index on one shard: a Lucene HNSW graph of every vector written to the indexed column, each node
 * remembering the row it came from. Nodes are hints, never removed: a row deleted or overwritten since keeps its
 * old node, so a search's candidates are checked against the rows (see {@link Candidate#score}). Owned by the
 * shard's thread.
 */
public final class VectorGraph {
    /** HNSW neighbours per node and search breadth while inserting: Lucene's defaults. */
    private static final int MAX_CONNECTIONS = HnswGraphBuilder.DEFAULT_MAX_CONN;
    private static final int BEAM_WIDTH = HnswGraphBuilder.DEFAULT_BEAM_WIDTH;
    private static final long SEED = 42;
    /** The fewest nodes a search collects: a wider beam than k is what makes HNSW's recall high. */
    private static final int MIN_SEARCH_BEAM = 100;

    /** A node found by a search: its number, the row it points to and the score of the node's vector against the target. */
    public record Candidate(int node, DecoratedKey key, Clustering clustering, float score) {}

    private final VectorSimilarity similarity;
    private final VectorSimilarityFunction function;
    private final List<float[]> vectors = new ArrayList<>();
    private final List<DecoratedKey> keys = new ArrayList<>();
    private final List<Clustering> clusterings = new ArrayList<>();
    private final FloatVectorValues values;
    private final HnswGraphBuilder builder;

    public VectorGraph(VectorSimilarity similarity, int dimension) {
        this.similarity = similarity;
        this.function = switch (similarity) {
            case COSINE -> VectorSimilarityFunction.COSINE;
            case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
            case DOT_PRODUCT -> VectorSimilarityFunction.DOT_PRODUCT;
        };
        this.values = FloatVectorValues.fromFloats(vectors, dimension);
        try {
            this.builder = HnswGraphBuilder.create(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(function, values),
                    MAX_CONNECTIONS, BEAM_WIDTH, SEED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public VectorSimilarity similarity() { return similarity; }

    /** Nodes in the graph, stale ones included. */
    public int size() { return vectors.size(); }

    /** Adds the vector a row's cells hold in {@code column}, if any (a tombstone or no cell adds nothing). */
    public void addRow(int column, DecoratedKey key, Clustering clustering, List<Cell> cells) {
        for (Cell cell : cells) {
            if (cell.column() == column && !cell.isTombstone()) add(key, clustering, VectorSimilarity.floats(cell.value()));
        }
    }

    /** Adds one vector; a zero vector has no cosine similarity and is left out of a cosine graph. */
    public void add(DecoratedKey key, Clustering clustering, float[] vector) {
        if (similarity == VectorSimilarity.COSINE && VectorSimilarity.isZero(vector)) return;
        int node = vectors.size();
        vectors.add(vector);
        keys.add(key);
        clusterings.add(clustering);
        try {
            builder.addGraphNode(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The nodes most similar to the target, best first, scored with {@link VectorSimilarity}: at least {@code count} of
     * them when the graph has that many (more when the search beam is wider).
     */
    public List<Candidate> search(float[] target, int count) {
        if (vectors.isEmpty()) return List.of();
        TopKnnCollector collector = new TopKnnCollector(Math.max(count, MIN_SEARCH_BEAM), Integer.MAX_VALUE);
        try {
            HnswGraphSearcher.search(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(function, values, target), collector,
                    builder.getGraph(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScoreDoc[] found = collector.topDocs().scoreDocs;
        List<Candidate> candidates = new ArrayList<>(found.length);
        for (ScoreDoc doc : found) {
            candidates.add(new Candidate(doc.doc, keys.get(doc.doc), clusterings.get(doc.doc), similarity.score(target, vectors.get(doc.doc))));
        }
        return candidates;
    }

    /** The score a row's current vector has against the target, as {@link Candidate#score} computes it. */
    public float score(float[] target, ByteBuffer vector) {
        return similarity.score(target, VectorSimilarity.floats(vector));
    }
}
