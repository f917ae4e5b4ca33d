package org.charybdis.server.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.UserType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The on-disk form of the schema ({@code schema.json}): a format version, the schema version counter,
 * and each saved keyspace with its replication, user types and tables. Types are written as their CQL
 * text and parsed back against the keyspace's user types; table options keep their value kind.
 * {@link SchemaJsonReader} reads it back.
 */
public final class SchemaJson {
    /** Bumped whenever the layout changes in a way an older reader would misread. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaJson() {}

    /** The keyspaces {@code saved} accepts, with the schema's version, as UTF-8 JSON. */
    public static byte[] encode(Schema schema, Predicate<String> saved) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("schema_version", schema.version());
        ArrayNode keyspaces = root.putArray("keyspaces");
        for (KeyspaceMetadata ks : schema.keyspaces().values()) {
            if (saved.test(ks.name())) keyspaces.add(keyspace(ks));
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serializes
        }
    }

    /** Reads what {@link #encode} wrote; throws IllegalArgumentException saying what is wrong and where. */
    public static Schema decode(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from a byte array does no IO
        }
        return SchemaJsonReader.read(root);
    }

    private static ObjectNode keyspace(KeyspaceMetadata ks) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", ks.name());
        ObjectNode replication = node.putObject("replication");
        ks.replication().forEach(replication::put);
        node.put("durable_writes", ks.durableWrites());
        ArrayNode types = node.putArray("types");
        for (CqlType type : ks.types().values()) types.add(userType((UserType) type));
        ArrayNode tables = node.putArray("tables");
        for (TableMetadata table : ks.tables().values()) tables.add(table(table));
        // optional: files written before user functions existed have none
        if (!ks.functions().isEmpty()) {
            ArrayNode functions = node.putArray("functions");
            for (UserFunction function : ks.functions().functions().values()) functions.add(function(function));
            ArrayNode aggregates = node.putArray("aggregates");
            for (UserAggregate aggregate : ks.functions().aggregates().values()) aggregates.add(aggregate(aggregate));
        }
        return node;
    }

    private static ObjectNode function(UserFunction function) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", function.name());
        function.argumentNames().forEach(node.putArray("argument_names")::add);
        ArrayNode types = node.putArray("argument_types");
        for (CqlType type : function.argumentTypes()) types.add(type.cqlName());
        node.put("return_type", function.returnType().cqlName());
        node.put("called_on_null_input", function.calledOnNullInput());
        node.put("language", function.language());
        node.put("body", function.body());
        return node;
    }

    private static ObjectNode aggregate(UserAggregate aggregate) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", aggregate.name());
        ArrayNode types = node.putArray("argument_types");
        for (CqlType type : aggregate.argumentTypes()) types.add(type.cqlName());
        node.put("state_function", aggregate.stateFunction());
        node.put("state_type", aggregate.stateType().cqlName());
        if (aggregate.finalFunction() != null) node.put("final_function", aggregate.finalFunction());
        if (aggregate.initialCondition() != null) {
            byte[] bytes = new byte[aggregate.initialCondition().remaining()];
            aggregate.initialCondition().duplicate().get(bytes);
            node.put("initial_condition", HexFormat.of().formatHex(bytes));
        }
        node.put("return_type", aggregate.returnType().cqlName());
        return node;
    }

    private static ObjectNode userType(UserType type) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", type.name());
        ArrayNode names = node.putArray("field_names");
        type.fieldNames().forEach(names::add);
        ArrayNode types = node.putArray("field_types");
        for (CqlType field : type.fieldTypes()) types.add(field.cqlName());
        return node;
    }

    private static ObjectNode table(TableMetadata table) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", table.name());
        node.put("id", table.id().toString());
        node.put("next_column_id", table.nextColumnId());
        ArrayNode columns = node.putArray("columns");
        for (ColumnMetadata column : table.allColumns()) columns.add(column(column));
        node.set("params", params(table.params()));
        ArrayNode dropped = node.putArray("dropped_columns");
        for (TableMetadata.DroppedColumn column : table.droppedColumns().values()) dropped.add(droppedColumn(column));
        // optional: files written before indexes existed have none
        if (!table.indexes().isEmpty()) {
            ArrayNode indexes = node.putArray("indexes");
            for (IndexMetadata index : table.indexes().values()) indexes.add(index(index));
        }
        if (table.compactStorage().isCompact()) node.put("compact_storage", table.compactStorage().schemaName());
        if (table.isView()) node.set("view", view(table.view()));
        // optional: files written before triggers existed have none
        if (!table.triggers().isEmpty()) {
            ArrayNode triggers = node.putArray("triggers");
            for (TriggerMetadata trigger : table.triggers().values()) {
                triggers.addObject().put("name", trigger.name()).put("class_name", trigger.className());
            }
        }
        return node;
    }

    private static ObjectNode view(ViewDefinition view) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("base_table_id", view.baseTableId().toString());
        node.put("base_table_name", view.baseTableName());
        node.put("include_all_columns", view.includeAllColumns());
        node.put("where_clause", view.whereClause());
        ArrayNode filters = node.putArray("filters");
        for (ViewDefinition.Filter filter : view.filters()) {
            ObjectNode f = filters.addObject();
            f.put("column", filter.column());
            f.put("operator", filter.operator().name());
            f.put("value", hex(filter.value()));
        }
        return node;
    }

    private static String hex(java.nio.ByteBuffer value) {
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static ObjectNode column(ColumnMetadata column) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", column.name());
        node.put("kind", column.kind().schemaName());
        node.put("position", column.position());
        node.put("type", column.type().cqlName());
        node.put("reversed", column.reversed());
        node.put("id", column.id());
        if (column.mask() != null) node.set("mask", mask(column.mask()));
        return node;
    }

    /** The function, and each further argument's type and value as a blob literal (null for a null argument). */
    private static ObjectNode mask(ColumnMask mask) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("function", mask.function());
        ArrayNode arguments = node.putArray("arguments");
        for (int i = 0; i < mask.arguments().size(); i++) {
            ObjectNode argument = arguments.addObject();
            argument.put("type", mask.argumentTypes().get(i).cqlName());
            ByteBuffer value = mask.arguments().get(i);
            if (value == null) argument.putNull("value");
            else argument.put("value", NativeType.BLOB.toCqlLiteral(value));
        }
        return node;
    }

    /** Each option as {@code {"kind": ..., "value": ...}}, so 1 and 1.0, or "true" and true, stay apart. */
    private static ObjectNode params(TableParams params) {
        ObjectNode node = MAPPER.createObjectNode();
        for (Map.Entry<String, Object> option : params.options().entrySet()) {
            ObjectNode entry = node.putObject(option.getKey());
            switch (option.getValue()) {
                case String s -> entry.put("kind", OptionKind.STRING).put("value", s);
                case Double d when Double.isFinite(d) -> entry.put("kind", OptionKind.DOUBLE).put("value", d);
                case Double d -> entry.put("kind", OptionKind.DOUBLE).put("value", d.toString()); // JSON has no NaN
                case Integer i -> entry.put("kind", OptionKind.INT).put("value", i);
                case Boolean b -> entry.put("kind", OptionKind.BOOLEAN).put("value", b);
                case Map<?, ?> map -> {
                    entry.put("kind", OptionKind.MAP);
                    ObjectNode value = entry.putObject("value");
                    map.forEach((k, v) -> value.put((String) k, (String) v));
                }
                default -> throw new IllegalArgumentException("table option " + option.getKey() + " has a value of unsupported kind "
                        + option.getValue().getClass().getName());
            }
        }
        return node;
    }

    private static ObjectNode index(IndexMetadata index) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", index.name());
        node.put("id", index.id().toString());
        node.put("column", index.column());
        node.put("target", index.target().name());
        if (index.className() != null) node.put("class_name", index.className());
        ObjectNode options = node.putObject("options");
        index.options().forEach(options::put);
        return node;
    }

    private static ObjectNode droppedColumn(TableMetadata.DroppedColumn column) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", column.name());
        node.put("type", column.type());
        node.put("kind", column.kind());
        node.put("dropped_at_micros", column.droppedAtMicros());
        return node;
    }

    /** The value kinds of table options, as written in the file. */
    static final class OptionKind {
        static final String STRING = "string";
        static final String DOUBLE = "double";
        static final String INT = "int";
        static final String BOOLEAN = "boolean";
        static final String MAP = "map";

        private OptionKind() {}
    }
}
