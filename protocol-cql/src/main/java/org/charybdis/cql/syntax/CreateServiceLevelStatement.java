package org.charybdis.cql.syntax;

import java.util.Map;

/** {@code CREATE SERVICE LEVEL [IF NOT EXISTS] sl [WITH shares = n AND timeout = d AND workload_type = w]}. */
public record CreateServiceLevelStatement(String serviceLevel, boolean ifNotExists, Map<String, Term> options) implements ServiceLevelStatement {
    public CreateServiceLevelStatement {
        options = OrderedMaps.copyOf(options);
    }
}
