package org.charybdis.server.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.CqlTypeParser;
import org.charybdis.cql.types.InvalidTypeException;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.UserTypeResolver;
import org.charybdis.server.schema.SchemaJson.OptionKind;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a {@code schema.json} tree back into a {@link Schema}. Every problem is an
 * IllegalArgumentException naming the element it was found in ("keyspace ks, table t: ..."), so an
 * operator can find it in the file.
 */
final class SchemaJsonReader {
    private SchemaJsonReader() {}

    static Schema read(JsonNode root) {
        if (!root.isObject()) throw new IllegalArgumentException("expected a JSON object at the top level");
        int format = integer(root, "format_version", "the file");
        if (format > SchemaJson.FORMAT_VERSION) {
            throw new IllegalArgumentException("format version " + format + " was written by a newer Charybdis (this one reads up to "
                    + SchemaJson.FORMAT_VERSION + ")");
        }
        if (format < 1) throw new IllegalArgumentException("unknown format version " + format);
        long version = number(root, "schema_version", "the file");
        Map<String, KeyspaceMetadata> keyspaces = new HashMap<>();
        for (JsonNode node : array(root, "keyspaces", "the file")) {
            KeyspaceMetadata ks = keyspace(node);
            if (keyspaces.put(ks.name(), ks) != null) throw new IllegalArgumentException("keyspace " + ks.name() + " appears twice");
        }
        return new Schema(keyspaces, version);
    }

    private static KeyspaceMetadata keyspace(JsonNode node) {
        String name = text(node, "name", "a keyspace");
        String where = "keyspace " + name;
        Map<String, String> replication = stringMap(field(node, "replication", where), where + ", replication");
        boolean durableWrites = bool(node, "durable_writes", where);
        Map<String, CqlType> types = new UserTypesReader(name, array(node, "types", where)).readAll();
        UserTypeResolver resolver = (keyspace, typeName) -> keyspace == null || keyspace.equals(name)
                ? (UserType) types.get(typeName) : null;
        Map<String, TableMetadata> tables = new HashMap<>();
        for (JsonNode table : array(node, "tables", where)) {
            TableMetadata read = table(name, table, resolver);
            if (tables.put(read.name(), read) != null) {
                throw new IllegalArgumentException(where + ": table " + read.name() + " appears twice");
            }
        }
        return new KeyspaceMetadata(name, replication, durableWrites, tables, types, functions(name, node, resolver));
    }

    /** The keyspace's functions and aggregates; files written before they existed have none. */
    private static UserFunctions functions(String keyspace, JsonNode node, UserTypeResolver types) {
        if (!node.has("functions")) return UserFunctions.NONE;
        String where = "keyspace " + keyspace;
        UserFunctions functions = UserFunctions.NONE;
        for (JsonNode f : array(node, "functions", where)) {
            String at = where + ", function " + text(f, "name", where);
            List<String> names = new ArrayList<>();
            for (JsonNode n : array(f, "argument_names", at)) names.add(textValue(n, at));
            functions = functions.with(new UserFunction(keyspace, text(f, "name", at), names, typeList(f, types, at),
                    parseType(text(f, "return_type", at), types, at), bool(f, "called_on_null_input", at),
                    text(f, "language", at), text(f, "body", at)));
        }
        for (JsonNode a : array(node, "aggregates", where)) {
            String at = where + ", aggregate " + text(a, "name", where);
            ByteBuffer initial = a.has("initial_condition")
                    ? ByteBuffer.wrap(HexFormat.of().parseHex(text(a, "initial_condition", at))) : null;
            functions = functions.with(new UserAggregate(keyspace, text(a, "name", at), typeList(a, types, at),
                    text(a, "state_function", at), parseType(text(a, "state_type", at), types, at),
                    a.has("final_function") ? text(a, "final_function", at) : null, initial,
                    parseType(text(a, "return_type", at), types, at)));
        }
        return functions;
    }

    private static List<CqlType> typeList(JsonNode node, UserTypeResolver types, String where) {
        List<CqlType> list = new ArrayList<>();
        for (JsonNode type : array(node, "argument_types", where)) list.add(parseType(textValue(type, where), types, where));
        return list;
    }

    private static TableMetadata table(String keyspace, JsonNode node, UserTypeResolver types) {
        String name = text(node, "name", "keyspace " + keyspace + ", a table");
        String where = "keyspace " + keyspace + ", table " + name;
        UUID id;
        try {
            id = UUID.fromString(text(node, "id", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": invalid id " + node.get("id"), e);
        }
        List<ColumnMetadata> columns = new ArrayList<>();
        for (JsonNode column : array(node, "columns", where)) columns.add(column(column, where, types));
        TableParams params = params(field(node, "params", where), where);
        Map<String, TableMetadata.DroppedColumn> dropped = new LinkedHashMap<>();
        for (JsonNode column : array(node, "dropped_columns", where)) {
            String columnName = text(column, "name", where + ", a dropped column");
            String at = where + ", dropped column " + columnName;
            dropped.put(columnName, new TableMetadata.DroppedColumn(columnName, text(column, "type", at), text(column, "kind", at),
                    number(column, "dropped_at_micros", at)));
        }
        Map<String, IndexMetadata> indexes = new LinkedHashMap<>();
        if (node.has("indexes")) {
            for (JsonNode index : array(node, "indexes", where)) {
                IndexMetadata read = index(index, where);
                if (indexes.put(read.name(), read) != null) throw new IllegalArgumentException(where + ": index " + read.name() + " appears twice");
            }
        }
        ViewDefinition view = node.has("view") ? view(field(node, "view", where), where + ", view") : null;
        return new TableMetadata(keyspace, name, id, columns, params, integer(node, "next_column_id", where), dropped, indexes,
                compactStorage(node, where), view, triggers(node, where));
    }

    /** The table's triggers; files written before triggers existed have none. */
    private static Map<String, TriggerMetadata> triggers(JsonNode table, String where) {
        Map<String, TriggerMetadata> triggers = new LinkedHashMap<>();
        if (!table.has("triggers")) return triggers;
        for (JsonNode node : array(table, "triggers", where)) {
            String name = text(node, "name", where + ", a trigger");
            TriggerMetadata read = new TriggerMetadata(name, text(node, "class_name", where + ", trigger " + name));
            if (triggers.put(name, read) != null) throw new IllegalArgumentException(where + ": trigger " + name + " appears twice");
        }
        return triggers;
    }

    private static ViewDefinition view(JsonNode node, String where) {
        List<ViewDefinition.Filter> filters = new ArrayList<>();
        for (JsonNode filter : array(node, "filters", where)) {
            filters.add(new ViewDefinition.Filter(text(filter, "column", where), org.charybdis.cql.syntax.Operator.valueOf(text(filter, "operator", where)),
                    java.nio.ByteBuffer.wrap(java.util.HexFormat.of().parseHex(text(filter, "value", where)))));
        }
        try {
            return new ViewDefinition(UUID.fromString(text(node, "base_table_id", where)), text(node, "base_table_name", where),
                    field(node, "include_all_columns", where).asBoolean(), text(node, "where_clause", where), filters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static CompactStorage compactStorage(JsonNode table, String where) {
        if (!table.has("compact_storage")) return CompactStorage.NONE;
        String form = text(table, "compact_storage", where);
        try {
            return CompactStorage.bySchemaName(form);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown compact_storage " + form, e);
        }
    }

    private static IndexMetadata index(JsonNode node, String table) {
        String name = text(node, "name", table + ", an index");
        String where = table + ", index " + name;
        UUID id;
        IndexMetadata.Target target;
        try {
            id = UUID.fromString(text(node, "id", where));
            target = IndexMetadata.Target.valueOf(text(node, "target", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": invalid id or target", e);
        }
        String className = node.has("class_name") ? text(node, "class_name", where) : null;
        return new IndexMetadata(name, id, text(node, "column", where), target, className,
                stringMap(field(node, "options", where), where + ", options"));
    }

    private static ColumnMetadata column(JsonNode node, String table, UserTypeResolver types) {
        String name = text(node, "name", table + ", a column");
        String where = table + ", column " + name;
        String kindName = text(node, "kind", where);
        ColumnMetadata.Kind kind = null;
        for (ColumnMetadata.Kind k : ColumnMetadata.Kind.values()) {
            if (k.schemaName().equals(kindName)) kind = k;
        }
        if (kind == null) throw new IllegalArgumentException(where + ": unknown kind '" + kindName + "'");
        CqlType type = parseType(text(node, "type", where), types, where);
        ColumnMask mask = node.has("mask") ? mask(field(node, "mask", where), types, where + ", mask") : null;
        return new ColumnMetadata(name, kind, integer(node, "position", where), type, bool(node, "reversed", where),
                integer(node, "id", where), mask);
    }

    private static ColumnMask mask(JsonNode node, UserTypeResolver types, String where) {
        List<CqlType> argumentTypes = new ArrayList<>();
        List<ByteBuffer> arguments = new ArrayList<>();
        for (JsonNode argument : field(node, "arguments", where)) {
            argumentTypes.add(parseType(text(argument, "type", where), types, where));
            JsonNode value = argument.get("value");
            arguments.add(value == null || value.isNull() ? null : NativeType.BLOB.fromString(value.asText()));
        }
        return new ColumnMask(text(node, "function", where), argumentTypes, arguments);
    }

    private static TableParams params(JsonNode node, String table) {
        String where = table + ", params";
        if (!node.isObject()) throw new IllegalArgumentException(where + ": expected an object");
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> option : node.properties()) {
            String at = where + ", option " + option.getKey();
            JsonNode entry = option.getValue();
            String kind = text(entry, "kind", at);
            JsonNode value = field(entry, "value", at);
            Object read = switch (kind) {
                case OptionKind.STRING -> value.isTextual() ? value.textValue() : null;
                case OptionKind.DOUBLE -> value.isNumber() ? value.doubleValue() : nonFinite(value);
                case OptionKind.INT -> value.isInt() ? value.intValue() : null;
                case OptionKind.BOOLEAN -> value.isBoolean() ? value.booleanValue() : null;
                case OptionKind.MAP -> Collections.unmodifiableMap(stringMap(value, at));
                default -> throw new IllegalArgumentException(at + ": unknown value kind '" + kind + "'");
            };
            if (read == null) throw new IllegalArgumentException(at + ": value " + value + " is not of kind " + kind);
            options.put(option.getKey(), read);
        }
        return new TableParams(options);
    }

    /** NaN and the infinities, which JSON numbers cannot hold, are written as text. */
    private static Double nonFinite(JsonNode value) {
        if (!value.isTextual()) return null;
        return switch (value.textValue()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    private static CqlType parseType(String text, UserTypeResolver types, String where) {
        try {
            return CqlTypeParser.parse(text, types);
        } catch (InvalidTypeException e) {
            throw new IllegalArgumentException(where + ": type " + text + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a keyspace's user types. A type's fields may name other types of the keyspace, which are
     * read first whatever their order in the file; a cycle (impossible through DDL) is reported.
     */
    private static final class UserTypesReader {
        private final String keyspace;
        private final Map<String, JsonNode> nodes = new LinkedHashMap<>();
        private final Map<String, CqlType> read = new HashMap<>();
        private final Set<String> reading = new HashSet<>();

        UserTypesReader(String keyspace, JsonNode types) {
            this.keyspace = keyspace;
            for (JsonNode type : types) {
                String name = text(type, "name", "keyspace " + keyspace + ", a user type");
                if (nodes.put(name, type) != null) {
                    throw new IllegalArgumentException("keyspace " + keyspace + ": user type " + name + " appears twice");
                }
            }
        }

        Map<String, CqlType> readAll() {
            for (String name : nodes.keySet()) type(name);
            return read;
        }

        private UserType type(String name) {
            CqlType done = read.get(name);
            if (done != null) return (UserType) done;
            JsonNode node = nodes.get(name);
            if (node == null) return null;
            String where = "keyspace " + keyspace + ", user type " + name;
            if (!reading.add(name)) throw new IllegalArgumentException(where + " refers to itself");
            List<String> fieldNames = new ArrayList<>();
            for (JsonNode field : array(node, "field_names", where)) fieldNames.add(textValue(field, where + ", field_names"));
            List<CqlType> fieldTypes = new ArrayList<>();
            UserTypeResolver resolver = (ks, typeName) -> ks == null || ks.equals(keyspace) ? type(typeName) : null;
            for (JsonNode field : array(node, "field_types", where)) {
                fieldTypes.add(parseType(textValue(field, where + ", field_types"), resolver, where));
            }
            UserType type;
            try {
                // stored frozen, as CREATE TYPE makes them: each use decides whether it is frozen
                type = UserType.of(keyspace, name, fieldNames, fieldTypes, false);
            } catch (InvalidTypeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            reading.remove(name);
            read.put(name, type);
            return type;
        }
    }

    private static JsonNode field(JsonNode node, String name, String where) {
        JsonNode value = node.isObject() ? node.get(name) : null;
        if (value == null || value.isNull()) throw new IllegalArgumentException(where + ": missing '" + name + "'");
        return value;
    }

    private static String text(JsonNode node, String name, String where) {
        return textValue(field(node, name, where), where + ", " + name);
    }

    private static String textValue(JsonNode value, String where) {
        if (!value.isTextual()) throw new IllegalArgumentException(where + ": expected a string, got " + value);
        return value.textValue();
    }

    private static int integer(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isInt()) throw new IllegalArgumentException(where + ": '" + name + "' should be an integer, got " + value);
        return value.intValue();
    }

    private static long number(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(where + ": '" + name + "' should be an integer, got " + value);
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isBoolean()) throw new IllegalArgumentException(where + ": '" + name + "' should be true or false, got " + value);
        return value.booleanValue();
    }

    private static JsonNode array(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isArray()) throw new IllegalArgumentException(where + ": '" + name + "' should be an array");
        return value;
    }

    private static Map<String, String> stringMap(JsonNode node, String where) {
        if (!node.isObject()) throw new IllegalArgumentException(where + ": expected an object of strings");
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            out.put(entry.getKey(), textValue(entry.getValue(), where + ", " + entry.getKey()));
        }
        return out;
    }
}
