package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.IndexMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.ContainerType;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the selected keyspaces, user types, tables and indexes of the source on the target. What exists there with
 * the same definition is kept; a table, type or index of the same name with another definition stops the migration
 * before any data moves. A keyspace that exists is kept whatever its replication.
 */
final class SchemaCopy {
    private final CqlSession target;
    private final PrintWriter out;
    private final String replication;

    /** @param replication a CQL map replacing the source's replication of created keyspaces, or null */
    SchemaCopy(CqlSession target, PrintWriter out, String replication) {
        this.target = target;
        this.out = out;
        this.replication = replication;
    }

    void apply(Map<KeyspaceMetadata, List<TableMetadata>> selection) {
        for (Map.Entry<KeyspaceMetadata, List<TableMetadata>> entry : selection.entrySet()) {
            KeyspaceMetadata keyspace = entry.getKey();
            String name = keyspace.getName().asCql(true);
            if (targetKeyspace(keyspace.getName()).isPresent()) {
                out.println("keyspace " + name + ": exists on the target, kept");
            } else {
                create("keyspace " + name, SchemaStatements.createKeyspace(keyspace, replication));
            }
            for (UserDefinedType type : inDependencyOrder(keyspace.getUserDefinedTypes().values())) {
                Optional<UserDefinedType> existing = targetKeyspace(keyspace.getName()).flatMap(k -> k.getUserDefinedType(type.getName()));
                String cql = SchemaStatements.createType(type);
                String what = "type " + SchemaStatements.qualified(type.getKeyspace(), type.getName());
                if (existing.isEmpty()) create(what, cql);
                else keepIfEqual(what, cql, SchemaStatements.createType(existing.get()));
            }
            for (TableMetadata table : entry.getValue()) copyTable(table);
        }
        out.flush();
    }

    private void copyTable(TableMetadata table) {
        String what = "table " + SchemaStatements.qualified(table.getKeyspace(), table.getName());
        Optional<TableMetadata> existing = targetKeyspace(table.getKeyspace()).flatMap(k -> k.getTable(table.getName()));
        if (existing.isEmpty()) create(what, SchemaStatements.createTable(table));
        else keepIfEqual(what, SchemaStatements.tableDefinition(table), SchemaStatements.tableDefinition(existing.get()));
        for (IndexMetadata index : table.getIndexes().values()) {
            String indexWhat = "index " + SchemaStatements.qualified(table.getKeyspace(), index.getName());
            Optional<IndexMetadata> existingIndex = targetKeyspace(table.getKeyspace())
                    .flatMap(k -> k.getTable(table.getName())).flatMap(t -> t.getIndex(index.getName()));
            if (existingIndex.isEmpty()) create(indexWhat, SchemaStatements.createIndex(index));
            else keepIfEqual(indexWhat, index.getTarget(), existingIndex.get().getTarget());
        }
    }

    private Optional<KeyspaceMetadata> targetKeyspace(CqlIdentifier name) {
        return target.getMetadata().getKeyspace(name);
    }

    private void create(String what, String cql) {
        try {
            target.execute(cql);
        } catch (RuntimeException e) {
            throw new MigrationFailure("the target refused to create " + what + ": " + e.getMessage() + "\n  statement: " + cql, e);
        }
        target.refreshSchema(); // the next lookups must see it
        out.println(what + ": created");
    }

    private void keepIfEqual(String what, String source, String target) {
        if (!source.equals(target)) {
            throw new MigrationFailure(what + " exists on the target with another definition:\n  source: " + source
                    + "\n  target: " + target + "\nDrop or rename it on the target, or leave it out with --keyspaces or --tables.");
        }
        out.println(what + ": exists on the target with the same definition, kept");
    }

    /** Types before the types whose fields use them, as CREATE TYPE needs. */
    static List<UserDefinedType> inDependencyOrder(Iterable<UserDefinedType> types) {
        List<UserDefinedType> pending = new ArrayList<>();
        types.forEach(pending::add);
        pending.sort(Comparator.comparing(t -> t.getName().asInternal()));
        Set<CqlIdentifier> created = new LinkedHashSet<>();
        List<UserDefinedType> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            UserDefinedType next = pending.stream()
                    .filter(t -> t.getFieldTypes().stream().allMatch(f -> typesUsed(f).stream().allMatch(created::contains)))
                    .findFirst().orElse(pending.getFirst()); // a cycle cannot exist; stay total anyway
            pending.remove(next);
            created.add(next.getName());
            ordered.add(next);
        }
        return ordered;
    }

    private static Set<CqlIdentifier> typesUsed(DataType type) {
        Set<CqlIdentifier> used = new LinkedHashSet<>();
        switch (type) {
            case UserDefinedType udt -> used.add(udt.getName());
            case MapType map -> {
                used.addAll(typesUsed(map.getKeyType()));
                used.addAll(typesUsed(map.getValueType()));
            }
            case ContainerType container -> used.addAll(typesUsed(container.getElementType()));
            case TupleType tuple -> tuple.getComponentTypes().forEach(c -> used.addAll(typesUsed(c)));
            default -> { }
        }
        return used;
    }
}
