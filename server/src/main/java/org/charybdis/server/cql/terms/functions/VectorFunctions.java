package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.index.vector.VectorSimilarity;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * {@code similarity_cosine}, {@code similarity_euclidean} and {@code similarity_dot_product} of two
 * {@code vector<float, n>}: their dimension comes from the arguments, so they are built for the call site
 * rather than registered (as Cassandra's factories build them).
 */
final class VectorFunctions {
    private static final String PREFIX = "similarity_";

    private VectorFunctions() {}

    /** The similarity function a call means, or null for any other name. */
    static NativeFunction resolve(QualifiedName name, List<? extends FunctionArgument> args) {
        VectorSimilarity similarity = similarity(name);
        if (similarity == null) return null;
        String function = PREFIX + similarity.name().toLowerCase(Locale.ROOT);
        if (args.size() != 2) {
            throw new InvalidRequestException("Invalid number of arguments for function system." + function + "(vector<float, n>, vector<float, n>)");
        }
        int dimension = -1;
        for (FunctionArgument arg : args) {
            int n = dimensionOf(arg, function);
            if (n < 0) continue;
            if (dimension >= 0 && n != dimension) throw new InvalidRequestException("All arguments must have the same vector dimensions");
            dimension = n;
        }
        if (dimension < 0) {
            throw new InvalidRequestException("Cannot infer type of argument " + args.getFirst().text() + " in call to function system."
                    + function + ": use type casts to disambiguate");
        }
        VectorType type = VectorType.of(NativeType.FLOAT, dimension);
        return ScalarFunction.of(function, NativeType.FLOAT, List.of(type, type), values -> score(similarity, function, values));
    }

    private static VectorSimilarity similarity(QualifiedName name) {
        if (!JsonFunctions.isSystem(name)) return null;
        String lower = name.name().toLowerCase(Locale.ROOT);
        if (!lower.startsWith(PREFIX)) return null;
        for (VectorSimilarity s : VectorSimilarity.values()) {
            if (lower.equals(PREFIX + s.name().toLowerCase(Locale.ROOT))) return s;
        }
        return null;
    }

    /** The dimension an argument fixes: its vector type's, a list literal's size, or -1 (a marker, null). */
    private static int dimensionOf(FunctionArgument arg, String function) {
        CqlType type = arg.ownType();
        if (type == null) return arg.listLiteralSize();
        if (type instanceof VectorType vector && vector.elementType() == NativeType.FLOAT) return vector.dimension();
        throw new InvalidRequestException("Function system." + function + " requires a float vector argument, but found argument "
                + arg.text() + " of type " + type.cqlName());
    }

    private static ByteBuffer score(VectorSimilarity similarity, String function, ByteBuffer[] values) {
        float[] a = VectorSimilarity.floats(values[0]);
        float[] b = VectorSimilarity.floats(values[1]);
        if (similarity == VectorSimilarity.COSINE && (VectorSimilarity.isZero(a) || VectorSimilarity.isZero(b))) {
            throw new InvalidRequestException("Function system." + function + " doesn't support all-zero vectors.");
        }
        return ByteBuffer.allocate(Float.BYTES).putFloat(0, similarity.score(a, b));
    }
}
