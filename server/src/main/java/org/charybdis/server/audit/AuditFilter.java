package org.charybdis.server.audit;

import org.charybdis.server.config.ServerConfig;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What is audited, from {@code audit_categories}, {@code audit_keyspaces} and {@code audit_tables}, with ScyllaDB's
 * rule: an event is audited when its category is listed and, for DDL, DML and QUERY, its keyspace is in
 * {@code audit_keyspaces} or its table in {@code audit_tables}. AUTH, DCL and ADMIN need no keyspace.
 */
public record AuditFilter(Set<AuditCategory> categories, Set<String> keyspaces, Set<String> tables) {
    public static AuditFilter of(ServerConfig config) {
        EnumSet<AuditCategory> categories = EnumSet.noneOf(AuditCategory.class);
        for (String name : split(config.get(ServerConfig.AUDIT_CATEGORIES))) categories.add(AuditCategory.valueOf(name.toUpperCase(Locale.ROOT)));
        return new AuditFilter(categories, Set.copyOf(split(config.get(ServerConfig.AUDIT_KEYSPACES))),
                Set.copyOf(split(config.get(ServerConfig.AUDIT_TABLES))));
    }

    public boolean audits(AuditCategory category) {
        return categories.contains(category);
    }

    public boolean audits(AuditCategory category, String keyspace, String table) {
        if (!categories.contains(category)) return false;
        if (category.global()) return true;
        if (keyspace == null) return false;
        return keyspaces.contains(keyspace) || (table != null && tables.contains(keyspace + "." + table));
    }

    private static java.util.List<String> split(String list) {
        return list.isBlank() ? java.util.List.of() : java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
