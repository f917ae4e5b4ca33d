package org.charybdis.storage.vector;

import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.sai.PrimaryKey;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.ClusteringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The vector index graphs of one SSTable, searched in place in its (memory-mapped) Vector.db. The body, inside the
 * usual component header and checksummed footer, all integers big-endian and fixed-width so that nothing needs
 * decoding at open:
 * <pre>
 * int clustering size, int row count, int offset of the row table
 * rows, in SSTable order:  long token, bytes partition key, clustering components (bytes each)
 * row table:               int offset of each row
 * int index count
 * per index:  uuid index id, int dimension, int node count, int level count, int entry node,
 *             float[node count x dimension] vectors (node order), int[node count] row of each node,
 *             per level: int slot width w, int node count on the level, (above level 0) int[] its nodes ascending,
 *                        one slot of w ints per node: neighbour count, neighbours, -1 padding
 * </pre>
 * A search is Lucene's HNSW search over these arrays; only the pages it touches are read.
 */
public final class VectorSegment {
    static final VectorSegment NONE = new VectorSegment(null, 0, 0, Map.of());

    private final ByteBuffer body;
    private final int clusteringSize;
    private final int rowTableAt;
    private final Map<UUID, Graph> graphs;

    private VectorSegment(ByteBuffer body, int clusteringSize, int rowTableAt, Map<UUID, Graph> graphs) {
        this.body = body;
        this.clusteringSize = clusteringSize;
        this.rowTableAt = rowTableAt;
        this.graphs = graphs;
    }

    /** Notes where each index's sections start in a checked Vector.db body; reads nothing else. */
    public static VectorSegment open(ByteBuffer body) {
        int clusteringSize = body.getInt(0);
        int rowCount = body.getInt(4);
        int rowTableAt = body.getInt(8);
        int at = rowTableAt + rowCount * 4;
        int indexCount = body.getInt(at);
        at += 4;
        Map<UUID, Graph> graphs = new HashMap<>();
        for (int i = 0; i < indexCount; i++) {
            Graph graph = new Graph(body, at);
            graphs.put(graph.index, graph);
            at = graph.end;
        }
        return new VectorSegment(body, clusteringSize, rowTableAt, graphs);
    }

    /** True when this SSTable's graph of the index was built. */
    boolean covers(UUID index) {
        return graphs.containsKey(index);
    }

    /** Bytes of the component (mapped, not on the heap). */
    long size() {
        return body == null ? 0 : body.capacity();
    }

    /** Hands the {@code width} nodes nearest the target (or all, when fewer) to {@code found}, scored by the index's scorer. */
    public void search(VectorIndex index, float[] target, int width, Consumer<VectorCandidate> found) {
        Graph graph = graphs.get(index.id());
        if (graph == null || graph.nodeCount == 0) return;
        MappedVectors vectors = new MappedVectors(graph);
        TopKnnCollector collector = new TopKnnCollector(width, Integer.MAX_VALUE);
        try {
            HnswGraphSearcher.search(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(index.function(), vectors, target), collector,
                    new MappedGraph(graph), null);
            for (ScoreDoc doc : collector.topDocs().scoreDocs) {
                float[] vector = vectors.vectorValue(doc.doc).clone();
                found.accept(new VectorCandidate(row(graph.rowOf(doc.doc)), index.scorer().score(target, vector)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PrimaryKey row(int ordinal) {
        BufferReader in = new BufferReader(body);
        in.position(body.getInt(rowTableAt + ordinal * 4));
        long token = in.readLong();
        ByteBuffer key = in.readBytesWithLength();
        Clustering clustering = ClusteringSerializer.readClustering(in, clusteringSize);
        return new PrimaryKey(new DecoratedKey(token, key), clustering);
    }

    /** Where one index's sections are. */
    private static final class Graph {
        final ByteBuffer body;
        final UUID index;
        final int dimension;
        final int nodeCount;
        final int levels;
        final int entryNode;
        /** The vectors, node after node. */
        final FloatBuffer vectors;
        final int rowsAt;
        /** Per level: slot width, node count, offset of the node list (above level 0), offset of the slots. */
        final int[] slotWidth;
        final int[] levelSize;
        final int[] levelNodesAt;
        final int[] slotsAt;
        final int end;

        Graph(ByteBuffer body, int at) {
            this.body = body;
            this.index = new UUID(body.getLong(at), body.getLong(at + 8));
            this.dimension = body.getInt(at + 16);
            this.nodeCount = body.getInt(at + 20);
            this.levels = body.getInt(at + 24);
            this.entryNode = body.getInt(at + 28);
            int vectorsAt = at + 32;
            this.vectors = body.slice(vectorsAt, nodeCount * dimension * Float.BYTES).asFloatBuffer();
            this.rowsAt = vectorsAt + nodeCount * dimension * Float.BYTES;
            slotWidth = new int[levels];
            levelSize = new int[levels];
            levelNodesAt = new int[levels];
            slotsAt = new int[levels];
            int next = rowsAt + nodeCount * 4;
            for (int level = 0; level < levels; level++) {
                slotWidth[level] = body.getInt(next);
                levelSize[level] = body.getInt(next + 4);
                levelNodesAt[level] = next + 8;
                slotsAt[level] = levelNodesAt[level] + (level == 0 ? 0 : levelSize[level] * 4);
                next = slotsAt[level] + levelSize[level] * slotWidth[level] * 4;
            }
            this.end = next;
        }

        int rowOf(int node) {
            return body.getInt(rowsAt + node * 4);
        }

        /** The slot's offset of a node on a level (level 0 holds every node in order; above, by binary search). */
        int slotOf(int level, int node) {
            int position = node;
            if (level > 0) {
                int low = 0;
                int high = levelSize[level] - 1;
                position = -1;
                while (low <= high) {
                    int mid = (low + high) >>> 1;
                    int found = body.getInt(levelNodesAt[level] + mid * 4);
                    if (found < node) low = mid + 1;
                    else if (found > node) high = mid - 1;
                    else {
                        position = mid;
                        break;
                    }
                }
                if (position < 0) throw new IllegalStateException("node " + node + " is not on level " + level);
            }
            return slotsAt[level] + position * slotWidth[level] * 4;
        }
    }

    /** The graph's vectors as Lucene reads them; returns a reused array, as Lucene allows. */
    private static final class MappedVectors extends FloatVectorValues {
        private final Graph graph;
        private final float[] vector;

        MappedVectors(Graph graph) {
            this.graph = graph;
            this.vector = new float[graph.dimension];
        }

        @Override
        public float[] vectorValue(int node) {
            graph.vectors.get(node * graph.dimension, vector);
            return vector;
        }

        @Override
        public FloatVectorValues copy() { return new MappedVectors(graph); }

        @Override
        public int dimension() { return graph.dimension; }

        @Override
        public int size() { return graph.nodeCount; }
    }

    /** The graph's neighbour lists as Lucene's searcher walks them. */
    private static final class MappedGraph extends HnswGraph {
        private final Graph graph;
        private int slot;
        private int count;
        private int next;

        MappedGraph(Graph graph) {
            this.graph = graph;
        }

        @Override
        public void seek(int level, int node) {
            slot = graph.slotOf(level, node);
            count = graph.body.getInt(slot);
            next = 0;
        }

        @Override
        public int nextNeighbor() {
            if (next == count) return DocIdSetIterator.NO_MORE_DOCS;
            return graph.body.getInt(slot + 4 + 4 * next++);
        }

        @Override
        public int neighborCount() { return count; }

        @Override
        public int size() { return graph.nodeCount; }

        @Override
        public int numLevels() { return graph.levels; }

        @Override
        public int maxConn() { return VectorSegmentWriter.MAX_CONNECTIONS; }

        @Override
        public int entryNode() { return graph.entryNode; }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            if (level == 0) return new ArrayNodesIterator(graph.nodeCount);
            int[] nodes = new int[graph.levelSize[level]];
            for (int i = 0; i < nodes.length; i++) nodes[i] = graph.body.getInt(graph.levelNodesAt[level] + i * 4);
            return new ArrayNodesIterator(nodes, nodes.length);
        }
    }
}
