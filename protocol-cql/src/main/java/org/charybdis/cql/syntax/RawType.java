package org.charybdis.cql.syntax;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A type as written in CQL, unresolved: native and user type names are not looked up here.
 * {@code frozen<...>} sets the frozen flag of the type it wraps.
 */
public sealed interface RawType {

    boolean isFrozen();

    /** This type with the frozen flag set (tuples and vectors are frozen anyway and ignore it). */
    RawType freeze();

    /** The type as CQL writes it. */
    String toCqlString();

    /** A native type ({@code int}, {@code text}, ...) or a user type, with an optional keyspace. */
    record Named(String keyspace, String name, boolean frozen) implements RawType {
        private static final Set<String> NATIVE = Set.of(
                "ascii", "bigint", "blob", "boolean", "counter", "date", "decimal", "double", "duration",
                "float", "inet", "int", "smallint", "text", "time", "timestamp", "timeuuid", "tinyint",
                "uuid", "varchar", "varint");

        /** True for CQL's built-in types; anything else names a user type. */
        public boolean isNative() {
            return keyspace == null && isNativeName(name);
        }

        /** True if {@code name} (lower-case) is a built-in type's name. */
        public static boolean isNativeName(String name) {
            return NATIVE.contains(name);
        }

        @Override
        public boolean isFrozen() {
            return frozen;
        }

        @Override
        public RawType freeze() {
            return new Named(keyspace, name, true);
        }

        @Override
        public String toCqlString() {
            String base = keyspace == null
                    ? (isNative() ? name : ColumnIdentifier.quoteIfNeeded(name))
                    : new QualifiedName(keyspace, name).toCqlString();
            return frozen ? "frozen<" + base + '>' : base;
        }
    }

    enum CollectionKind { LIST, SET, MAP }

    /** {@code list<e>}, {@code set<e>}, {@code map<k, v>}. */
    record Collection(CollectionKind kind, List<RawType> parameters, boolean frozen) implements RawType {
        public Collection {
            parameters = List.copyOf(parameters);
        }

        @Override
        public boolean isFrozen() {
            return frozen;
        }

        @Override
        public RawType freeze() {
            return new Collection(kind, parameters, true);
        }

        @Override
        public String toCqlString() {
            String base = kind.name().toLowerCase(Locale.ROOT) + '<' + joined(parameters) + '>';
            return frozen ? "frozen<" + base + '>' : base;
        }
    }

    /** {@code tuple<a, b, ...>}: always frozen. */
    record Tuple(List<RawType> elements) implements RawType {
        public Tuple {
            elements = List.copyOf(elements);
        }

        @Override
        public boolean isFrozen() {
            return true;
        }

        @Override
        public RawType freeze() {
            return this;
        }

        @Override
        public String toCqlString() {
            return "tuple<" + joined(elements) + '>';
        }
    }

    /** {@code vector<element, dimension>} (Cassandra 5.0): always frozen. */
    record Vector(RawType element, int dimension) implements RawType {
        @Override
        public boolean isFrozen() {
            return true;
        }

        @Override
        public RawType freeze() {
            return this;
        }

        @Override
        public String toCqlString() {
            return "vector<" + element.toCqlString() + ", " + dimension + '>';
        }
    }

    /** A type given by its server-side class name as a string literal, e.g. {@code 'org.foo.MyType'}. */
    record Custom(String className) implements RawType {
        @Override
        public boolean isFrozen() {
            return false;
        }

        @Override
        public RawType freeze() {
            return this;
        }

        @Override
        public String toCqlString() {
            return '\'' + className.replace("'", "''") + '\'';
        }
    }

    private static String joined(List<RawType> types) {
        return types.stream().map(RawType::toCqlString).collect(Collectors.joining(", "));
    }
}
