package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.VectorType;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Cassandra 5.0's similarity functions between two float vectors of one dimension, scaled into [0, 1] as the
 * vector index scores them: {@code similarity_cosine} ((1 + cos) / 2), {@code similarity_dot_product}
 * ((1 + dot) / 2) and {@code similarity_euclidean} (1 / (1 + squared distance)), computed in float.
 */
final class VectorFunctions {
    private static final String PARAMETERS = "vector<float, n>, vector<float, n>";

    private VectorFunctions() {}

    private interface Similarity {
        float of(GenericFunction f, float[] a, float[] b);
    }

    static List<GenericFunction> all() {
        return List.of(
                similarity("similarity_cosine", (f, a, b) -> {
                    float dot = 0, normA = 0, normB = 0;
                    for (int i = 0; i < a.length; i++) {
                        dot += a[i] * b[i];
                        normA += a[i] * a[i];
                        normB += b[i] * b[i];
                    }
                    if (normA == 0 || normB == 0) {
                        throw new InvalidRequestException("Function system." + f.name() + " doesn't support all-zero vectors.");
                    }
                    return (1 + (float) (dot / Math.sqrt((double) normA * normB))) / 2;
                }),
                similarity("similarity_euclidean", (f, a, b) -> {
                    float distance = 0;
                    for (int i = 0; i < a.length; i++) distance += (a[i] - b[i]) * (a[i] - b[i]);
                    return 1 / (1 + distance);
                }),
                similarity("similarity_dot_product", (f, a, b) -> {
                    float dot = 0;
                    for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
                    return (1 + dot) / 2;
                }));
    }

    private static GenericFunction similarity(String name, Similarity similarity) {
        return new GenericFunction(name, PARAMETERS, 2, 2, (f, args) -> {
            VectorType type = vectorType(f, args);
            return new ScalarFunction(name, List.of(type, type), NativeType.FLOAT, true,
                    values -> NativeType.FLOAT.serialize(similarity.of(f, floats(values[0]), floats(values[1]))));
        });
    }

    /** The vector type of the call: both typed arguments must be float vectors of one dimension; a constant takes the other's. */
    private static VectorType vectorType(GenericFunction f, List<? extends FunctionArgument> args) {
        VectorType found = null;
        for (FunctionArgument argument : args) {
            CqlType type = argument.ownType();
            if (type == null) continue;
            if (!(type instanceof VectorType vector) || vector.elementType() != NativeType.FLOAT) {
                throw f.requires("a float vector argument", argument, type);
            }
            if (found != null && found.dimension() != vector.dimension()) {
                throw new InvalidRequestException("All arguments must have the same vector dimensions");
            }
            found = vector;
        }
        // neither argument tells the dimension: Cassandra names the first one
        if (found == null) f.typeOf(args.getFirst());
        return found;
    }

    private static float[] floats(ByteBuffer vector) {
        float[] values = new float[vector.remaining() / Float.BYTES];
        for (int i = 0; i < values.length; i++) values[i] = vector.getFloat(vector.position() + i * Float.BYTES);
        return values;
    }
}
