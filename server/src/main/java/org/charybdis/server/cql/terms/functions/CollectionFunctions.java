package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.server.cql.terms.functions.AggregateFunction.Aggregator;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Cassandra 5.0's functions over one collection value: {@code map_keys} (a set), {@code map_values} (a list),
 * {@code collection_count} (an int) and {@code collection_min/max/sum/avg} of a set or list, which fold its
 * elements as the aggregates of the same names fold rows (so an average of ints truncates).
 */
final class CollectionFunctions {
    private CollectionFunctions() {}

    static List<GenericFunction> all() {
        return List.of(
                GenericFunction.of("map_keys", "map", (f, args) -> {
                    MapType map = map(f, args.getFirst());
                    SetType keys = SetType.of(map.keyType(), false);
                    return unary(f, map, keys, value -> keys.serialize(map.deserialize(value).keySet()));
                }),
                GenericFunction.of("map_values", "map", (f, args) -> {
                    MapType map = map(f, args.getFirst());
                    ListType values = ListType.of(map.valueType(), false);
                    return unary(f, map, values, value -> values.serialize(map.deserialize(value).values()));
                }),
                GenericFunction.of("collection_count", "collection", (f, args) -> {
                    CqlType type = f.typeOf(args.getFirst());
                    if (!(type instanceof CollectionType collection)) throw f.requires("a collection argument", args.getFirst(), type);
                    return unary(f, collection, NativeType.INT, value -> NativeType.INT.serialize(size(collection, value)));
                }),
                fold("collection_min", false, Aggregates::min),
                fold("collection_max", false, Aggregates::max),
                fold("collection_sum", true, type -> aggregate("sum", type)),
                fold("collection_avg", true, type -> aggregate("avg", type)));
    }

    /** A function folding a set's or list's elements with an aggregate of their type. */
    private static GenericFunction fold(String name, boolean numeric, Function<CqlType, AggregateFunction> aggregateOf) {
        return GenericFunction.of(name, "numeric_set_or_list", (f, args) -> {
            CqlType type = f.typeOf(args.getFirst());
            CqlType element = elementType(type);
            if (element == null || numeric && !Numbers.isNumeric(element)) {
                throw f.requires(numeric ? "a numeric set/list argument" : "a set or list argument", args.getFirst(), type);
            }
            AggregateFunction aggregate = aggregateOf.apply(element);
            return unary(f, type, element, value -> {
                Aggregator aggregator = aggregate.newAggregator();
                for (Object e : (Collection<?>) type.deserialize(value)) aggregator.add(element.serialize(e));
                return aggregator.result();
            });
        });
    }

    private static AggregateFunction aggregate(String name, CqlType type) {
        for (NativeFunction f : NativeFunctions.named(name)) {
            if (f.argTypes().getFirst().equals(type)) return (AggregateFunction) f;
        }
        throw new IllegalStateException("no " + name + " for " + type.cqlName());
    }

    private static MapType map(GenericFunction f, FunctionArgument argument) {
        CqlType type = f.typeOf(argument);
        if (type instanceof MapType map) return map;
        throw f.requires("a map argument", argument, type);
    }

    private static CqlType elementType(CqlType type) {
        return switch (type) {
            case SetType set -> set.elementType();
            case ListType list -> list.elementType();
            default -> null;
        };
    }

    private static int size(CollectionType type, ByteBuffer value) {
        return switch (type.deserialize(value)) {
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            default -> throw new IllegalStateException(type.cqlName());
        };
    }

    private static ScalarFunction unary(GenericFunction f, CqlType argType, CqlType returnType, UnaryOperator<ByteBuffer> body) {
        return new ScalarFunction(f.name(), List.of(argType), returnType, true, args -> body.apply(args[0]));
    }
}
