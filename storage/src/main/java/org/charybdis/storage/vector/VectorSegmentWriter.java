package org.charybdis.storage.vector;

import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.ClusteringSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the vectors of one SSTable's rows (on the shard, in SSTable order), then builds each index's HNSW graph
 * and lays it out as the body of the SSTable's Vector.db (CPU-heavy: off the reactor; see {@link VectorSegment}
 * for the format). Rows without an indexed vector are left out.
 */
public final class VectorSegmentWriter {
    /** HNSW neighbours per node (twice that on level 0) and search breadth while inserting: Lucene's defaults. */
    static final int MAX_CONNECTIONS = HnswGraphBuilder.DEFAULT_MAX_CONN;
    static final int BEAM_WIDTH = HnswGraphBuilder.DEFAULT_BEAM_WIDTH;
    private static final long SEED = 42;

    private final List<VectorIndex> indexes;
    private final int clusteringSize;
    private final List<DecoratedKey> partitions = new ArrayList<>();
    private final List<Clustering> clusterings = new ArrayList<>();
    /** Per index: the vectors (node order) and the row ordinal of each. */
    private final List<List<float[]>> vectors = new ArrayList<>();
    private final List<int[]> rowOrdinals = new ArrayList<>();
    private final int[] nodeCounts;

    public VectorSegmentWriter(List<VectorIndex> indexes, int clusteringSize) {
        this.indexes = indexes;
        this.clusteringSize = clusteringSize;
        this.nodeCounts = new int[indexes.size()];
        for (int i = 0; i < indexes.size(); i++) {
            vectors.add(new ArrayList<>());
            rowOrdinals.add(new int[16]);
        }
    }

    /** Adds one row; rows must come in the SSTable's order. */
    public void add(DecoratedKey partition, Clustering clustering, List<Cell> cells) {
        int ordinal = partitions.size();
        boolean indexed = false;
        for (int i = 0; i < indexes.size(); i++) {
            for (Cell cell : cells) {
                float[] vector = indexes.get(i).vectorOf(cell);
                if (vector == null) continue;
                addNode(i, vector, ordinal);
                indexed = true;
            }
        }
        if (indexed) {
            partitions.add(partition);
            clusterings.add(clustering);
        }
    }

    private void addNode(int index, float[] vector, int ordinal) {
        int node = nodeCounts[index]++;
        vectors.get(index).add(vector);
        int[] ordinals = rowOrdinals.get(index);
        if (node == ordinals.length) rowOrdinals.set(index, ordinals = Arrays.copyOf(ordinals, node * 2));
        ordinals[node] = ordinal;
    }

    /** Builds the graphs and lays the file's body out: the heavy part, run off the reactor. */
    public BufferWriter body() throws IOException {
        BufferWriter out = new BufferWriter(estimatedSize());
        out.writeInt(clusteringSize);
        out.writeInt(partitions.size());
        int rowTableAt = out.position();
        out.writeInt(0);
        int[] rowOffsets = new int[partitions.size()];
        for (int i = 0; i < partitions.size(); i++) {
            rowOffsets[i] = out.position();
            out.writeLong(partitions.get(i).token());
            out.writeBytesWithLength(partitions.get(i).key());
            ClusteringSerializer.writeClustering(clusterings.get(i), out);
        }
        out.putInt(rowTableAt, out.position());
        for (int offset : rowOffsets) out.writeInt(offset);
        out.writeInt(indexes.size());
        for (int i = 0; i < indexes.size(); i++) writeIndex(out, indexes.get(i), vectors.get(i), rowOrdinals.get(i));
        return out;
    }

    private static void writeIndex(BufferWriter out, VectorIndex index, List<float[]> nodes, int[] rowOrdinals) throws IOException {
        out.writeUuid(index.id());
        out.writeInt(index.dimension());
        out.writeInt(nodes.size());
        HnswGraph graph = nodes.isEmpty() ? HnswGraph.EMPTY : build(index, nodes);
        out.writeInt(nodes.isEmpty() ? 0 : graph.numLevels());
        out.writeInt(nodes.isEmpty() ? -1 : graph.entryNode());
        for (float[] vector : nodes) {
            for (float f : vector) out.writeInt(Float.floatToRawIntBits(f));
        }
        for (int n = 0; n < nodes.size(); n++) out.writeInt(rowOrdinals[n]);
        if (nodes.isEmpty()) return;
        for (int level = 0; level < graph.numLevels(); level++) writeLevel(out, graph, level);
    }

    private static OnHeapHnswGraph build(VectorIndex index, List<float[]> nodes) throws IOException {
        FloatVectorValues values = FloatVectorValues.fromFloats(nodes, index.dimension());
        return HnswGraphBuilder.create(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(index.function(), values),
                MAX_CONNECTIONS, BEAM_WIDTH, SEED).build(nodes.size());
    }

    /** One level: its slot width, its nodes (ascending; level 0 holds them all, unlisted), then one slot per node. */
    private static void writeLevel(BufferWriter out, HnswGraph graph, int level) throws IOException {
        int[] nodes = nodesOn(graph, level);
        List<int[]> neighbours = new ArrayList<>(nodes.length);
        int widest = 0;
        for (int node : nodes) {
            graph.seek(level, node);
            int[] found = new int[graph.neighborCount()];
            int count = 0;
            for (int n = graph.nextNeighbor(); n != DocIdSetIterator.NO_MORE_DOCS && count < found.length; n = graph.nextNeighbor()) found[count++] = n;
            neighbours.add(Arrays.copyOf(found, count));
            widest = Math.max(widest, count);
        }
        out.writeInt(1 + widest);
        out.writeInt(nodes.length);
        if (level > 0) for (int node : nodes) out.writeInt(node);
        for (int[] slot : neighbours) {
            out.writeInt(slot.length);
            for (int n : slot) out.writeInt(n);
            for (int pad = slot.length; pad < widest; pad++) out.writeInt(-1);
        }
    }

    private static int[] nodesOn(HnswGraph graph, int level) throws IOException {
        HnswGraph.NodesIterator iterator = graph.getNodesOnLevel(level);
        int[] nodes = new int[iterator.size()];
        for (int i = 0; iterator.hasNext(); i++) nodes[i] = iterator.nextInt();
        Arrays.sort(nodes);
        return nodes;
    }

    private int estimatedSize() {
        long bytes = 4096L + partitions.size() * 64L;
        for (int i = 0; i < indexes.size(); i++) {
            bytes += (long) nodeCounts[i] * (indexes.get(i).dimension() * Float.BYTES + 4 + (2 * MAX_CONNECTIONS + 1) * 4 + 64);
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - 64);
    }
}
