package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.DescribeStatement;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Server-side DESCRIBE (Cassandra 4.0+), as cqlsh and drivers use it: each form becomes a statement
 * that looks its elements up when it runs. Listings (KEYSPACES, TABLES, TYPES, FUNCTIONS, AGGREGATES)
 * cover the current keyspace if there is one, else every keyspace.
 */
public final class DescribeStatements {
    private DescribeStatements() {}

    public static CqlStatement compile(DescribeStatement ast, ClientState client) {
        boolean internals = ast.withInternals();
        QualifiedName name = ast.name();
        return switch (ast.target()) {
            case CLUSTER -> new DescribeCluster(client.keyspace());
            case SCHEMA -> elements((schema, current) -> SchemaElements.ofSchema(schema, false), internals);
            case FULL_SCHEMA -> elements((schema, current) -> SchemaElements.ofSchema(schema, true), internals);
            case KEYSPACES -> listing((schema, current) -> allKeyspaces(schema));
            case KEYSPACE -> elements((schema, current) -> keyspace(schema, name, current, false), internals);
            case ONLY_KEYSPACE -> elements((schema, current) -> keyspace(schema, name, current, true), internals);
            case TABLES -> listing((schema, current) -> perKeyspace(schema, current, SchemaElements::tablesByName));
            case TYPES -> listing((schema, current) -> perKeyspace(schema, current, SchemaElements::typesByName));
            // no user-defined functions or aggregates exist yet: the listings are empty
            case FUNCTIONS -> listing((schema, current) -> perKeyspace(schema, current, SchemaElements::functionsByName));
            case AGGREGATES -> listing((schema, current) -> perKeyspace(schema, current, SchemaElements::aggregatesByName));
            case TABLE -> elements((schema, current) -> table(schema, name, current), internals);
            case TYPE -> elements((schema, current) -> type(schema, name, current), internals);
            case FUNCTION -> elements((schema, current) -> overloads(schema, name, current, SchemaElements::functionsByName,
                    "User defined function '%s' not found in '%s'"), internals);
            case AGGREGATE -> elements((schema, current) -> overloads(schema, name, current, SchemaElements::aggregatesByName,
                    "User defined aggregate '%s' not found in '%s'"), internals);
            case INDEX -> elements((schema, current) -> index(schema, name, current), internals);
            case MATERIALIZED_VIEW -> elements((schema, current) -> view(schema, name, current), internals);
            case NAME -> elements((schema, current) -> byName(schema, name, current), internals);
        };
    }

    private static CqlStatement elements(DescribeElements.Lookup lookup, boolean internals) {
        return new DescribeElements(lookup, false, internals);
    }

    private static CqlStatement listing(DescribeElements.Lookup lookup) {
        return new DescribeElements(lookup, true, false);
    }

    private static List<SchemaElement> allKeyspaces(Schema schema) {
        List<SchemaElement> keyspaces = new ArrayList<>();
        for (KeyspaceMetadata keyspace : SchemaElements.keyspacesByName(schema)) keyspaces.add(SchemaElements.keyspaceElement(keyspace));
        return keyspaces;
    }

    private static List<SchemaElement> perKeyspace(Schema schema, String current, Function<KeyspaceMetadata, List<SchemaElement>> elements) {
        if (current != null) return elements.apply(SchemaElements.keyspace(schema, current));
        List<SchemaElement> all = new ArrayList<>();
        for (KeyspaceMetadata keyspace : SchemaElements.keyspacesByName(schema)) all.addAll(elements.apply(keyspace));
        return all;
    }

    private static List<SchemaElement> keyspace(Schema schema, QualifiedName name, String current, boolean onlyKeyspace) {
        String keyspace = SchemaElements.keyspaceName(name == null ? null : name.name(), current);
        return SchemaElements.ofKeyspace(SchemaElements.keyspace(schema, keyspace), onlyKeyspace);
    }

    private static KeyspaceMetadata keyspaceOf(Schema schema, QualifiedName name, String current) {
        return SchemaElements.keyspace(schema, SchemaElements.keyspaceName(name.keyspace(), current));
    }

    private static List<SchemaElement> table(Schema schema, QualifiedName name, String current) {
        KeyspaceMetadata keyspace = keyspaceOf(schema, name, current);
        TableMetadata table = keyspace.table(name.name());
        if (table == null || table.isView()) {
            throw new InvalidRequestException("Table '" + name.name() + "' not found in keyspace '" + keyspace.name() + "'");
        }
        return SchemaElements.ofTable(keyspace, table);
    }

    private static List<SchemaElement> view(Schema schema, QualifiedName name, String current) {
        KeyspaceMetadata keyspace = keyspaceOf(schema, name, current);
        TableMetadata view = keyspace.table(name.name());
        if (view == null || !view.isView()) {
            throw new InvalidRequestException("Materialized view '" + name.name() + "' not found in '" + keyspace.name() + "'");
        }
        return List.of(new ViewElement(view));
    }

    private static List<SchemaElement> index(Schema schema, QualifiedName name, String current) {
        KeyspaceMetadata keyspace = keyspaceOf(schema, name, current);
        SchemaElement index = SchemaElements.index(keyspace, name.name());
        if (index == null) {
            throw new InvalidRequestException("Table for existing index '" + name.name() + "' not found in '" + keyspace.name() + "'");
        }
        return List.of(index);
    }

    private static List<SchemaElement> type(Schema schema, QualifiedName name, String current) {
        KeyspaceMetadata keyspace = keyspaceOf(schema, name, current);
        if (!keyspace.types().containsKey(name.name())) {
            throw new InvalidRequestException("User defined type '" + name.name() + "' not found in '" + keyspace.name() + "'");
        }
        return List.of(new TypeElement((UserType) keyspace.types().get(name.name())));
    }

    /** Every overload of the function or aggregate named, by signature. */
    private static List<SchemaElement> overloads(Schema schema, QualifiedName name, String current,
                                                 Function<KeyspaceMetadata, List<SchemaElement>> elements, String missing) {
        KeyspaceMetadata keyspace = keyspaceOf(schema, name, current);
        List<SchemaElement> named = new ArrayList<>();
        for (SchemaElement element : elements.apply(keyspace)) if (element.name().equals(name.name())) named.add(element);
        if (named.isEmpty()) throw new InvalidRequestException(String.format(missing, name.name(), keyspace.name()));
        return named;
    }

    /**
     * {@code DESCRIBE name}: a keyspace of that name if there is one (when no keyspace is given), else
     * a table (then, in Cassandra, an index or a view) in the given or current keyspace.
     */
    private static List<SchemaElement> byName(Schema schema, QualifiedName name, String current) {
        String keyspaceName = name.keyspace();
        if (keyspaceName == null) {
            if (schema.keyspace(name.name()) != null) return SchemaElements.ofKeyspace(schema.keyspace(name.name()), false);
            keyspaceName = current == null ? name.name() : current;
        }
        KeyspaceMetadata keyspace = SchemaElements.keyspace(schema, keyspaceName);
        TableMetadata table = keyspace.table(name.name());
        if (table != null) return table.isView() ? List.of(new ViewElement(table)) : SchemaElements.ofTable(keyspace, table);
        SchemaElement index = SchemaElements.index(keyspace, name.name());
        if (index != null) return List.of(index);
        throw new InvalidRequestException("'" + name.name() + "' not found in keyspace '" + keyspaceName + "'");
    }
}
