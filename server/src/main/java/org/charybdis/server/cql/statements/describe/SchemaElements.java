package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.UserAggregate;
import org.charybdis.server.schema.UserFunction;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.system.SystemKeyspaces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which schema elements each DESCRIBE returns, in Cassandra's order: keyspaces and tables by name
 * ignoring case; in a keyspace, the keyspace itself, its types (each after the types it uses), then
 * its tables. Errors carry Cassandra's messages.
 */
final class SchemaElements {
    /** Cassandra's element order: names compared ignoring case (stable for names equal so). */
    static final Comparator<String> BY_NAME = String::compareToIgnoreCase;

    /** Keyspaces Cassandra keeps only in memory; DESCRIBE shows them commented out. */
    private static final Set<String> VIRTUAL_KEYSPACES = Set.of(SystemKeyspaces.SYSTEM_VIRTUAL_SCHEMA, "system_views");

    private SchemaElements() {}

    static List<KeyspaceMetadata> keyspacesByName(Schema schema) {
        List<KeyspaceMetadata> keyspaces = new ArrayList<>(schema.keyspaces().values());
        keyspaces.sort(Comparator.comparing(KeyspaceMetadata::name, BY_NAME));
        return keyspaces;
    }

    static KeyspaceMetadata keyspace(Schema schema, String name) {
        KeyspaceMetadata keyspace = schema.keyspace(name);
        if (keyspace == null) throw new InvalidRequestException("'" + name + "' not found in keyspaces");
        return keyspace;
    }

    /** The named keyspace, else the current one; an error if neither. */
    static String keyspaceName(String named, String current) {
        if (named != null) return named;
        if (current == null) throw new InvalidRequestException("No keyspace specified and no current keyspace");
        return current;
    }

    static boolean isVirtual(KeyspaceMetadata keyspace) {
        return VIRTUAL_KEYSPACES.contains(keyspace.name());
    }

    static KeyspaceElement keyspaceElement(KeyspaceMetadata keyspace) {
        return new KeyspaceElement(keyspace, isVirtual(keyspace));
    }

    static TableElement tableElement(KeyspaceMetadata keyspace, TableMetadata table) {
        return new TableElement(keyspace, table, isVirtual(keyspace));
    }

    /** DESCRIBE KEYSPACE: the keyspace, then (unless only the keyspace is asked for) its types and tables. */
    static List<SchemaElement> ofKeyspace(KeyspaceMetadata keyspace, boolean onlyKeyspace) {
        List<SchemaElement> elements = new ArrayList<>();
        elements.add(keyspaceElement(keyspace));
        if (onlyKeyspace) return elements;
        elements.addAll(typesInDependencyOrder(keyspace));
        elements.addAll(functionsByName(keyspace));
        elements.addAll(aggregatesByName(keyspace));
        for (SchemaElement table : tablesByName(keyspace)) elements.addAll(ofTable(keyspace, ((TableElement) table).table()));
        return elements;
    }

    /** DESCRIBE TABLE: the table, then its indexes by name, then its materialized views by name. */
    static List<SchemaElement> ofTable(KeyspaceMetadata keyspace, TableMetadata table) {
        List<SchemaElement> elements = new ArrayList<>();
        elements.add(tableElement(keyspace, table));
        elements.addAll(indexesOf(table));
        for (TableMetadata view : keyspace.viewsOf(table.id())) elements.add(new ViewElement(view));
        return elements;
    }

    static List<SchemaElement> indexesOf(TableMetadata table) {
        List<SchemaElement> indexes = new ArrayList<>();
        for (IndexMetadata index : table.indexes().values()) indexes.add(new IndexElement(table, index));
        indexes.sort(Comparator.comparing(SchemaElement::name, BY_NAME));
        return indexes;
    }

    /** The named index of the keyspace, or null. */
    static SchemaElement index(KeyspaceMetadata keyspace, String name) {
        TableMetadata table = keyspace.tableOfIndex(name);
        return table == null ? null : new IndexElement(table, table.indexes().get(name));
    }

    static List<SchemaElement> typesByName(KeyspaceMetadata keyspace) {
        List<SchemaElement> types = new ArrayList<>();
        for (CqlType type : keyspace.types().values()) types.add(new TypeElement((UserType) type));
        types.sort(Comparator.comparing(SchemaElement::name, BY_NAME));
        return types;
    }

    /** Functions by signature, overloads apart. */
    static List<SchemaElement> functionsByName(KeyspaceMetadata keyspace) {
        List<SchemaElement> functions = new ArrayList<>();
        for (UserFunction function : keyspace.functions().functions().values()) functions.add(new FunctionElement(function));
        functions.sort(Comparator.comparing(SchemaElement::displayedName, BY_NAME));
        return functions;
    }

    static List<SchemaElement> aggregatesByName(KeyspaceMetadata keyspace) {
        List<SchemaElement> aggregates = new ArrayList<>();
        for (UserAggregate aggregate : keyspace.functions().aggregates().values()) aggregates.add(new AggregateElement(aggregate));
        aggregates.sort(Comparator.comparing(SchemaElement::displayedName, BY_NAME));
        return aggregates;
    }

    static List<SchemaElement> tablesByName(KeyspaceMetadata keyspace) {
        List<SchemaElement> tables = new ArrayList<>();
        for (TableMetadata table : keyspace.tables().values()) if (!table.isView()) tables.add(tableElement(keyspace, table));
        tables.sort(Comparator.comparing(SchemaElement::name, BY_NAME));
        return tables;
    }

    /** Types by name, except that a type comes after every type it uses, so the script runs in order. */
    static List<SchemaElement> typesInDependencyOrder(KeyspaceMetadata keyspace) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : keyspace.types().keySet()) addWithDependencies(keyspace, name, ordered);
        List<SchemaElement> types = new ArrayList<>(ordered.size());
        for (String name : ordered) types.add(new TypeElement((UserType) keyspace.types().get(name)));
        return types;
    }

    private static void addWithDependencies(KeyspaceMetadata keyspace, String name, Set<String> ordered) {
        if (ordered.contains(name)) return;
        CqlType type = keyspace.types().get(name);
        if (type == null) return;
        for (CqlType field : type.subTypes()) addUsedTypes(keyspace, field, ordered);
        ordered.add(name);
    }

    private static void addUsedTypes(KeyspaceMetadata keyspace, CqlType type, Set<String> ordered) {
        if (type instanceof UserType udt && udt.keyspace().equals(keyspace.name())) {
            addWithDependencies(keyspace, udt.name(), ordered);
            return;
        }
        for (CqlType sub : type.subTypes()) addUsedTypes(keyspace, sub, ordered);
    }

    /** DESCRIBE [FULL] SCHEMA: every keyspace (system ones only when full), each described whole. */
    static List<SchemaElement> ofSchema(Schema schema, boolean full) {
        List<SchemaElement> elements = new ArrayList<>();
        for (KeyspaceMetadata keyspace : keyspacesByName(schema)) {
            if (full || !SystemKeyspaces.isSystem(keyspace.name())) elements.addAll(ofKeyspace(keyspace, false));
        }
        return elements;
    }
}
