package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.RawType;
import org.charybdis.cql.syntax.Selector;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.server.cql.statements.select.selection.SelectorCompiler.Compiled;
import org.charybdis.server.cql.terms.functions.ScalarFunction;
import org.charybdis.server.cql.terms.functions.TypeCompatibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Cassandra 5.0's tuple and collection selectors, {@code (a, b)}, {@code [a, b]}, {@code {a, b}}, {@code {k: v}}: one
 * value per row built from their elements, which are selectors, or constants and markers typed by a type hint or by
 * the selectors beside them.
 */
final class CompositeSelectors {
    private final Function<Selector, Compiled> compile;
    private final BiFunction<Term, CqlType, SelectorNode> value;

    /**
     * @param compile compiles an element selector
     * @param value   a constant or marker element read as a type
     */
    CompositeSelectors(Function<Selector, Compiled> compile, BiFunction<Term, CqlType, SelectorNode> value) {
        this.compile = compile;
        this.value = value;
    }

    /**
     * {@code (a, b)}: the elements' values as one tuple of their types. A constant or marker element needs a type: the
     * hinted tuple type's (which may have more elements), when there is one, whose elements all others must fit.
     */
    Compiled tuple(Selector.Tuple tuple, TupleType hinted, String hintText) {
        List<Selector> elements = tuple.elements();
        List<Compiled> compiled = new ArrayList<>(elements.size());
        List<String> labels = new ArrayList<>(elements.size());
        compileElements(elements, compiled, labels);
        String label = "(" + String.join(", ", labels) + ")";
        if (hinted == null && compiled.contains(null)) {
            throw SelectorCompiler.cannotInfer(label);
        }
        boolean fits = hinted == null || elements.size() <= hinted.size();
        for (int i = 0; fits && hinted != null && i < elements.size(); i++) {
            fits = compiled.get(i) == null || TypeCompatibility.isValueCompatible(hinted.type(i), compiled.get(i).type());
        }
        if (!fits) {
            throw cannotAssign(hintText + label, hinted);
        }
        List<SelectorNode> nodes = new ArrayList<>(elements.size());
        List<CqlType> types = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            CqlType type = hinted != null ? hinted.type(i) : compiled.get(i).type();
            nodes.add(compiled.get(i) != null ? compiled.get(i).node() : value.apply(((Selector.Value) elements.get(i)).term(), type));
            types.add(type);
        }
        TupleType type = hinted != null ? hinted : TupleType.of(types);
        // called on null elements: a tuple keeps them
        ScalarFunction pack = new ScalarFunction("_tuple", types, type, true, true, values -> {
            List<Object> fields = new ArrayList<>(values.length);
            for (int i = 0; i < values.length; i++) fields.add(values[i] == null ? null : types.get(i).deserialize(values[i]));
            return type.serialize(fields);
        });
        return new Compiled(new SelectorNode.Call(pack, nodes), type, hintText + label, null);
    }

    /**
     * {@code [a, b]}, {@code {a, b}}, {@code {k: v}} with selectors among the elements: one collection value per row.
     * The element (key, value) type is the hint's, else the first selector's among them; constants and markers take it.
     */
    Compiled collection(Selector.Collection collection, CollectionType hinted, String hintText) {
        List<Selector> elements = collection.elements();
        int width = collection.kind() == RawType.CollectionKind.MAP ? 2 : 1;
        List<Compiled> compiled = new ArrayList<>(elements.size());
        List<String> texts = new ArrayList<>(elements.size());
        compileElements(elements, compiled, texts);
        String label = collectionText(collection.kind(), texts);
        // Cassandra reads {k: v} starting with a column name as key as a user type literal, whose type it cannot infer
        boolean udtLike = width == 2 && elements.getFirst() instanceof Selector.Column;
        CqlType[] slotTypes = new CqlType[width];
        for (int i = 0; hinted != null && i < width; i++) slotTypes[i] = hinted.subTypes().get(i);
        for (int i = 0; hinted == null && i < elements.size(); i++) {
            if (slotTypes[i % width] == null && compiled.get(i) != null) slotTypes[i % width] = compiled.get(i).type();
        }
        CollectionType type = udtLike || Arrays.asList(slotTypes).contains(null) ? null : frozen(collection.kind(), slotTypes);
        for (int i = 0; type != null && i < elements.size(); i++) {
            if (compiled.get(i) != null && !TypeCompatibility.isValueCompatible(slotTypes[i % width], compiled.get(i).type())) {
                if (hinted == null) type = null; // elements of different types: Cassandra answers garbage, we refuse
                else throw cannotAssign(hintText + label, type);
            }
        }
        if (type == null) throw SelectorCompiler.cannotInfer(label);
        List<SelectorNode> nodes = new ArrayList<>(elements.size());
        List<CqlType> types = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            CqlType slot = slotTypes[i % width];
            nodes.add(compiled.get(i) != null ? compiled.get(i).node() : value.apply(((Selector.Value) elements.get(i)).term(), slot));
            types.add(slot);
        }
        CollectionType result = type;
        ScalarFunction build = new ScalarFunction("_collection", types, type, true, true, values -> {
            List<Object> items = new ArrayList<>(values.length);
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) throw new InvalidRequestException("null is not supported inside collections");
                items.add(types.get(i).deserialize(values[i]));
            }
            if (width == 1) return result.serialize(items);
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i += 2) entries.put(items.get(i), items.get(i + 1));
            return result.serialize(entries);
        });
        return new Compiled(new SelectorNode.Call(build, nodes), type, hintText + label, null);
    }

    /** A collection type's kind as the grammar names it. */
    static RawType.CollectionKind kind(CollectionType type) {
        return switch (type) {
            case ListType ignored -> RawType.CollectionKind.LIST;
            case SetType ignored -> RawType.CollectionKind.SET;
            default -> RawType.CollectionKind.MAP;
        };
    }

    /** Cassandra names the value itself as what it cannot assign to. */
    private static InvalidRequestException cannotAssign(String value, CqlType type) {
        return new InvalidRequestException("Cannot assign value " + value + " to " + value + " of type " + type.cqlName());
    }

    /** Cassandra's collection selectors make frozen values. */
    private static CollectionType frozen(RawType.CollectionKind kind, CqlType[] slotTypes) {
        return switch (kind) {
            case LIST -> ListType.of(slotTypes[0], false);
            case SET -> SetType.of(slotTypes[0], false);
            case MAP -> MapType.of(slotTypes[0], slotTypes[1], false);
        };
    }

    /** Compiles the selector elements; constants and markers (null in {@code compiled}) wait for a type. */
    private void compileElements(List<Selector> elements, List<Compiled> compiled, List<String> texts) {
        for (Selector element : elements) {
            if (element instanceof Selector.Value(Term term)) {
                compiled.add(null);
                texts.add(term instanceof Term.NullLiteral ? "NULL" : SelectorCompiler.text(term));
            } else {
                Compiled c = compile.apply(element);
                compiled.add(c);
                texts.add(c.label());
            }
        }
    }

    private static String collectionText(RawType.CollectionKind kind, List<String> texts) {
        if (kind == RawType.CollectionKind.LIST) return "[" + String.join(", ", texts) + "]";
        if (kind == RawType.CollectionKind.SET) return "{" + String.join(", ", texts) + "}";
        List<String> entries = new ArrayList<>(texts.size() / 2);
        for (int i = 0; i < texts.size(); i += 2) entries.add(texts.get(i) + ": " + texts.get(i + 1));
        return "{" + String.join(", ", entries) + "}";
    }
}
