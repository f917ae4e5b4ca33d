package org.charybdis.server.index.vector;

import org.apache.lucene.index.VectorSimilarityFunction;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.storage.vector.VectorIndex;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The similarity functions of Cassandra 5.0's vector search, as scores in [0, 1] where higher is closer: the
 * {@code similarity_function} option of a vector index and the {@code similarity_*} CQL functions.
 */
public enum VectorSimilarity {
    EUCLIDEAN {
        @Override
        public float score(float[] a, float[] b) {
            float sum = 0;
            for (int i = 0; i < a.length; i++) {
                float d = a[i] - b[i];
                sum += d * d;
            }
            return 1 / (1 + sum);
        }
    },
    DOT_PRODUCT {
        @Override
        public float score(float[] a, float[] b) {
            return (1 + dot(a, b)) / 2;
        }
    },
    COSINE {
        @Override
        public float score(float[] a, float[] b) {
            // the cosine rounded to float before it is scaled, as Cassandra 5.0 computes it
            float cosine = (float) (dot(a, b) / Math.sqrt((double) dot(a, a) * dot(b, b)));
            return (1 + cosine) / 2;
        }
    };

    /** The index option naming the function. */
    public static final String OPTION = "similarity_function";

    /** The score of {@code b} against {@code a}: higher is more similar. */
    public abstract float score(float[] a, float[] b);

    /** The function an index option names (any case); a vector index without the option uses COSINE. */
    public static VectorSimilarity fromOption(String value, String indexName) {
        if (value == null) return COSINE;
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Similarity function " + value.toUpperCase(Locale.ROOT) + " was not recognized for index "
                    + indexName + ". Valid values are: EUCLIDEAN, DOT_PRODUCT, COSINE");
        }
    }

    /** Lucene's function of the same name, which the index's graphs are built and searched with (its scores order alike). */
    public VectorSimilarityFunction luceneFunction() {
        return switch (this) {
            case COSINE -> VectorSimilarityFunction.COSINE;
            case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
            case DOT_PRODUCT -> VectorSimilarityFunction.DOT_PRODUCT;
        };
    }

    /** A serialized {@code vector<float, n>}: n big-endian floats. */
    public static float[] floats(ByteBuffer value) {
        return VectorIndex.floats(value);
    }

    /** True when every element is zero: cosine similarity is undefined for such vectors. */
    public static boolean isZero(float[] vector) {
        return VectorIndex.isZero(vector);
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }
}
