package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.index.vector.VectorSimilarity;

import java.util.List;
import java.util.Locale;

/**
 * Cassandra 5.0's similarity functions between two float vectors of one dimension, scored as the vector index
 * scores them ({@link VectorSimilarity}, so a selected similarity equals the score an ANN query ordered by):
 * {@code similarity_cosine}, {@code similarity_euclidean} and {@code similarity_dot_product}.
 */
final class VectorFunctions {
    private static final String PARAMETERS = "vector<float, n>, vector<float, n>";

    private VectorFunctions() {}

    static List<GenericFunction> all() {
        return List.of(similarity(VectorSimilarity.COSINE), similarity(VectorSimilarity.EUCLIDEAN), similarity(VectorSimilarity.DOT_PRODUCT));
    }

    private static GenericFunction similarity(VectorSimilarity similarity) {
        String name = "similarity_" + similarity.name().toLowerCase(Locale.ROOT);
        return new GenericFunction(name, PARAMETERS, 2, 2, (f, args) -> {
            VectorType type = vectorType(f, args);
            return new ScalarFunction(name, List.of(type, type), NativeType.FLOAT, true, values -> {
                float[] a = VectorSimilarity.floats(values[0]);
                float[] b = VectorSimilarity.floats(values[1]);
                if (similarity == VectorSimilarity.COSINE && (VectorSimilarity.isZero(a) || VectorSimilarity.isZero(b))) {
                    throw new InvalidRequestException("Function system." + name + " doesn't support all-zero vectors.");
                }
                return NativeType.FLOAT.serialize(similarity.score(a, b));
            });
        });
    }

    /**
     * The vector type of the call: typed arguments must be float vectors, and they and list literals must agree on
     * the dimension; a marker or null takes the others'.
     */
    private static VectorType vectorType(GenericFunction f, List<? extends FunctionArgument> args) {
        int dimension = -1;
        for (FunctionArgument argument : args) {
            int n = dimensionOf(f, argument);
            if (n < 0) continue;
            if (dimension >= 0 && n != dimension) throw new InvalidRequestException("All arguments must have the same vector dimensions");
            dimension = n;
        }
        // neither argument tells the dimension: Cassandra names the first one
        if (dimension < 0) f.typeOf(args.getFirst());
        return VectorType.of(NativeType.FLOAT, dimension);
    }

    /** The dimension an argument fixes: its vector type's, a list literal's size, or -1 (a marker, null). */
    private static int dimensionOf(GenericFunction f, FunctionArgument argument) {
        CqlType type = argument.ownType();
        if (type == null) return argument.listLiteralSize();
        if (!(type instanceof VectorType vector) || vector.elementType() != NativeType.FLOAT) {
            throw f.requires("a float vector argument", argument, type);
        }
        return vector.dimension();
    }
}
