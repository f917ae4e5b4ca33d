package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The keyspaces and tables a migration copies: those named by {@code --keyspaces} or {@code --tables}, else every
 * keyspace of the source but the servers' own ({@code system*}).
 */
final class TableSelection {
    private TableSelection() {}

    /**
     * @param keyspaces names, or empty
     * @param tables {@code keyspace.table} names, or empty
     * @return each selected keyspace with its selected tables, in name order
     * @throws MigrationFailure naming what the source does not have
     */
    static Map<KeyspaceMetadata, List<TableMetadata>> resolve(Metadata source, List<String> keyspaces, List<String> tables) {
        Map<KeyspaceMetadata, List<TableMetadata>> selected = new LinkedHashMap<>();
        if (!tables.isEmpty()) {
            for (String name : tables) {
                int dot = name.indexOf('.');
                if (dot <= 0 || dot == name.length() - 1) {
                    throw MigrationFailure.badOption("--tables wants keyspace.table names, not '" + name + "'");
                }
                KeyspaceMetadata keyspace = keyspace(source, name.substring(0, dot));
                TableMetadata table = keyspace.getTable(CqlIdentifier.fromCql(name.substring(dot + 1))).orElseThrow(() ->
                        MigrationFailure.badOption("the source has no table " + name + " (tables of " + keyspace.getName().asCql(true)
                                + ": " + names(keyspace.getTables().keySet()) + ")"));
                selected.computeIfAbsent(keyspace, k -> new ArrayList<>()).add(table);
            }
            return selected;
        }
        List<KeyspaceMetadata> chosen = keyspaces.isEmpty()
                ? source.getKeyspaces().values().stream().filter(k -> !k.getName().asInternal().startsWith("system"))
                        .sorted(Comparator.comparing(k -> k.getName().asInternal())).toList()
                : keyspaces.stream().map(name -> keyspace(source, name)).toList();
        for (KeyspaceMetadata keyspace : chosen) {
            selected.put(keyspace, keyspace.getTables().values().stream()
                    .sorted(Comparator.comparing(t -> t.getName().asInternal())).toList());
        }
        return selected;
    }

    private static KeyspaceMetadata keyspace(Metadata source, String name) {
        return source.getKeyspace(CqlIdentifier.fromCql(name)).orElseThrow(() -> MigrationFailure.badOption(
                "the source has no keyspace " + name + " (keyspaces: " + names(source.getKeyspaces().keySet()) + ")"));
    }

    private static String names(Collection<CqlIdentifier> names) {
        return names.stream().map(n -> n.asCql(true)).sorted().collect(Collectors.joining(", "));
    }
}
