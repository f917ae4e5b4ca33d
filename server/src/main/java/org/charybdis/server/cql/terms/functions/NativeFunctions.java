package org.charybdis.server.cql.terms.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every native scalar function and aggregate of Cassandra 5.0 by name, with both the historical
 * names ({@code toDate}, {@code intAsBlob}) and the snake_case ones 5.0 added ({@code to_date},
 * {@code int_as_blob}), and the type-generic ones ({@link GenericFunction}: collection, masking and vector
 * functions), which are built for each call's argument types. {@code token}, {@code writetime}, {@code ttl}, arithmetic and the
 * type-generic aggregates ({@code count}, {@code min}, {@code max}) depend on their call site and are
 * built where they are compiled.
 */
public final class NativeFunctions {
    private static final Map<String, List<NativeFunction>> BY_NAME = new HashMap<>();
    private static final Map<String, GenericFunction> GENERIC = new HashMap<>();

    static {
        TimeFunctions.all().forEach(NativeFunctions::register);
        FloorFunctions.all().forEach(NativeFunctions::register);
        BlobFunctions.all().forEach(NativeFunctions::register);
        MathFunctions.all().forEach(NativeFunctions::register);
        CastFunctions.all().forEach(NativeFunctions::register);
        Aggregates.numeric().forEach(NativeFunctions::register);
        CollectionFunctions.all().forEach(f -> GENERIC.put(f.name(), f));
        MaskingFunctions.all().forEach(f -> GENERIC.put(f.name(), f));
        VectorFunctions.all().forEach(f -> GENERIC.put(f.name(), f));
    }

    private NativeFunctions() {}

    /** The overloads of a lower case name, in registration order; empty when there is no such function. */
    public static List<NativeFunction> named(String name) {
        return BY_NAME.getOrDefault(name, List.of());
    }

    /** The type-generic function of a lower case name, or null. */
    static GenericFunction generic(String name) {
        return GENERIC.get(name);
    }

    private static void register(NativeFunction function) {
        BY_NAME.computeIfAbsent(function.name(), n -> new ArrayList<>()).add(function);
    }
}
